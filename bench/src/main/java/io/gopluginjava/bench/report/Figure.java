package io.gopluginjava.bench.report;

import java.util.List;
import java.util.Locale;

/**
 * One measured figure: its median (over every sample, or over the samples' own values), the spread around it from
 * the lowest to the highest sample, and how many samples there are (iterations, runs). Never an error interval: a
 * throughput's range is of measured values, so it cannot go below zero.
 */
public record Figure(double value, double low, double high, int samples) {

  /**
   * How far from its median a figure's lowest or highest sample may be for the figure to be quoted as a result:
   * beyond it, the samples disagree too much for the median to mean much.
   */
  public static final double STABLE_WITHIN = 0.15;

  public static Figure of(List<Double> samples) {
    if (samples.isEmpty()) {
      throw new IllegalArgumentException("a figure needs at least one sample");
    }
    List<Double> sorted = samples.stream().sorted().toList();
    int n = sorted.size();
    return new Figure(median(sorted), sorted.get(0), sorted.get(n - 1), n);
  }

  /** The median of values sorted in ascending order. */
  static double median(List<Double> sorted) {
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }

  public Figure scaled(double factor) {
    return new Figure(value * factor, low * factor, high * factor, samples);
  }

  /** 1 / this: a time per call as calls per time, or the reverse. */
  public Figure inverse() {
    return new Figure(1 / value, 1 / high, 1 / low, samples);
  }

  /**
   * This over {@code base}, the spread from the least to the most favourable pairing of the two ranges; its samples
   * are the fewer of the two.
   */
  public Figure ratioTo(Figure base) {
    return new Figure(value / base.value, low / base.high, high / base.low, Math.min(samples, base.samples));
  }

  /** True when every sample is within {@link #STABLE_WITHIN} of the median. */
  public boolean stable() {
    return low >= value * (1 - STABLE_WITHIN) && high <= value * (1 + STABLE_WITHIN);
  }

  /** {@code 123 (110–130, n=5)}, with {@code digits} decimals. */
  public String format(int digits) {
    return String.format(Locale.ROOT, "%s (%s, n=%d)", number(value, digits), range(digits), samples);
  }

  /**
   * {@link #format} when the figure is {@link #stable()}, else {@code unstable (90–130, n=5)}: the range and the
   * count, and no median to quote.
   */
  public String formatResult(int digits) {
    return stable() ? format(digits) : String.format(Locale.ROOT, "unstable (%s, n=%d)", range(digits), samples);
  }

  /** A ratio: {@code 1.20 (1.10–1.30)}, its samples are those of the figures it divides. */
  public String formatRatio(int digits) {
    return String.format(Locale.ROOT, "%s (%s)", number(value, digits), range(digits));
  }

  private String range(int digits) {
    return number(low, digits) + "–" + number(high, digits);
  }

  private static String number(double x, int digits) {
    return String.format(Locale.ROOT, "%." + digits + "f", x);
  }
}
