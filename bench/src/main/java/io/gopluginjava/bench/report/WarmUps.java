package io.gopluginjava.bench.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * warmup.tsv, which the warm-ups of both hosts append to (LaunchedPlugin, gobench's warmUp): one line per warm-up,
 * "host, plugin, mTLS, benchmark, seconds, settled, rounds, last round's median µs", grouped here by all but the
 * numbers.
 */
final class WarmUps {

  /** The warm-ups of one host, plugin, mTLS mode and benchmark: their seconds, and how many settled. */
  record Row(String host, String plugin, String mtls, String benchmark, Figure seconds, int settled) {}

  private WarmUps() {}

  static List<Row> read(String tsv) {
    Map<String, List<String[]>> groups = new LinkedHashMap<>();
    for (String line : tsv.split("\n")) {
      String[] f = line.split("\t");
      if (f.length >= 6) {
        groups.computeIfAbsent(String.join("\t", f[0], f[1], f[2], f[3]), k -> new ArrayList<>()).add(f);
      }
    }
    List<Row> rows = new ArrayList<>();
    groups.values().forEach(lines -> {
      String[] first = lines.get(0);
      List<Double> seconds = lines.stream().map(f -> Double.parseDouble(f[4])).toList();
      int settled = (int) lines.stream().filter(f -> f[5].equals("true")).count();
      rows.add(new Row(capitalised(first[0]), capitalised(first[1]), first[2], first[3], Figure.of(seconds), settled));
    });
    return rows;
  }

  private static String capitalised(String name) {
    return name.isEmpty() ? name : Character.toUpperCase(name.charAt(0)) + name.substring(1);
  }
}
