package io.gopluginjava.bench.report;

import java.util.List;

/** One measured figure: its central value (a median or JMH's score) and the spread around it, lowest to highest. */
public record Figure(double value, double low, double high) {

  public static Figure of(List<Double> samples) {
    if (samples.isEmpty()) {
      throw new IllegalArgumentException("a figure needs at least one sample");
    }
    List<Double> sorted = samples.stream().sorted().toList();
    int n = sorted.size();
    double median = n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    return new Figure(median, sorted.get(0), sorted.get(n - 1));
  }

  public Figure scaled(double factor) {
    return new Figure(value * factor, low * factor, high * factor);
  }

  /** This over {@code base}, the spread from the least to the most favourable pairing of the two ranges. */
  public Figure ratioTo(Figure base) {
    return new Figure(value / base.value, low / base.high, high / base.low);
  }

  /** {@code 123 (110–130)}, with {@code digits} decimals. */
  public String format(int digits) {
    String f = "%." + digits + "f";
    return String.format(f + " (" + f + "–" + f + ")", value, low, high);
  }
}
