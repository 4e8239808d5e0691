package io.gopluginjava.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * When a warm-up has reached its steady state: the median call time of its rounds of calls has stopped moving, the
 * median of the last {@link #WINDOW} rounds' medians within {@link #SETTLE_WITHIN} of the median of the
 * {@link #WINDOW} before them, after at least {@link #MIN} and at most {@link #MAX} (then it ends unsettled). Medians
 * of medians, because on a shared machine single rounds jump by more than 5 % while the trend is flat; windows of 5 s,
 * because a JVM plugin's call time still falls by 1 to 2 % a second for 30 s after its start, which windows of 1.5 s
 * took for flat (on 2026-12-02 a warm-up so ended after 5.3 s, and the p50 of the 2 s samples after it fell from 214
 * to 124 µs). The Go benchmarks' {@code warmUp} applies the same rule with the same numbers.
 */
final class SteadyState {

  static final Duration ROUND = Duration.ofMillis(500);
  static final int WINDOW = 10;
  static final double SETTLE_WITHIN = 0.05;
  /** A JVM's first seconds are the interpreter's and C1's: its rounds can look steady before C2 has started. */
  static final Duration MIN = Duration.ofSeconds(10);
  /** 60 s, or {@code BENCH_WARMUP_MAX_S} seconds (bench/run --quick: 10). */
  static final Duration MAX = Duration.ofSeconds(Long.parseLong(System.getenv().getOrDefault("BENCH_WARMUP_MAX_S", "60")));

  private final long start = System.nanoTime();
  private final List<Long> medians = new ArrayList<>();
  private boolean settled;

  /** One round's call times, in ns. */
  void add(List<Long> round) {
    medians.add(round.stream().sorted().toList().get(round.size() / 2));
    settled = elapsed().compareTo(MIN) >= 0 && steady(medians);
  }

  boolean done() {
    return settled || elapsed().compareTo(MAX) >= 0;
  }

  /**
   * True when the median of the last {@link #WINDOW} round medians is within {@link #SETTLE_WITHIN} of the median of
   * the {@link #WINDOW} before them.
   */
  static boolean steady(List<Long> medians) {
    int n = medians.size();
    if (n < 2 * WINDOW) {
      return false;
    }
    double before = median(medians.subList(n - 2 * WINDOW, n - WINDOW));
    double last = median(medians.subList(n - WINDOW, n));
    return Math.abs(last - before) <= before * SETTLE_WITHIN;
  }

  private static double median(List<Long> values) {
    return values.stream().sorted().toList().get(values.size() / 2);
  }

  /**
   * Appends "host, plugin, mTLS, benchmark, seconds, settled, rounds, last round's median in µs" (tab-separated) to the
   * file named by {@code BENCH_WARMUP_LOG}, when it is set; {@code what} is the plugin, mTLS and benchmark columns.
   */
  void log(String host, String what) {
    String file = System.getenv("BENCH_WARMUP_LOG");
    if (file == null || file.isBlank()) {
      return;
    }
    String line = String.format(Locale.ROOT, "%s\t%s\t%.1f\t%b\t%d\t%.0f%n", host, what, elapsed().toMillis() / 1e3,
        settled, medians.size(), medians.isEmpty() ? Double.NaN : medians.get(medians.size() - 1) / 1e3);
    try {
      Files.writeString(Path.of(file), line, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException("could not append to BENCH_WARMUP_LOG " + file, e);
    }
  }

  private Duration elapsed() {
    return Duration.ofNanos(System.nanoTime() - start);
  }
}
