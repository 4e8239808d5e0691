package io.gopluginjava.bench.report;

import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/** Writes report.md and report.svg from the results bench/run left in the directory given. */
public final class ReportMain {

  private static final double MIB = 1 << 20;
  private static final List<String> MTLS = List.of("off", "on");

  private final Results results;
  private final StringBuilder md = new StringBuilder();
  private final BarChart chart = new BarChart();

  private ReportMain(Results results) {
    this.results = results;
  }

  public static void main(String[] args) throws IOException {
    if (args.length != 1) {
      throw new IllegalArgumentException("usage: ReportMain RESULTS-DIR (bench/run's target/bench)");
    }
    Path dir = Path.of(args[0]);
    ReportMain report = new ReportMain(new Results(dir));
    report.write();
    Files.writeString(dir.resolve("report.md"), report.md);
    Files.writeString(dir.resolve("report.svg"),
        report.chart.svg("Java and Python against go-plugin: cost as a multiple of Go → Go (shorter is better)"));
  }

  private void write() throws IOException {
    Map<String, String> facts = results.facts();
    line("# What a plugin costs: Java against go-plugin");
    line("");
    line("Measured in one run of `bench/run%s` (%s, commit %s); every figure below comes from that run.",
        "quick".equals(facts.get("mode")) ? " --quick" : "", facts.get("date"), facts.get("commit"));
    if ("quick".equals(facts.get("mode"))) {
      line("");
      line("**A quick run**: few forks, runs and iterations. Its figures show the shape, not numbers to quote.");
    }
    line("");
    line("| machine | |");
    line("|---|---|");
    for (String key : List.of("cpu", "cores", "memory", "kernel", "jdk", "jdk25", "go", "python", "hyperfine", "load",
        "order", "wall")) {
      line("| %s | %s |", key, facts.getOrDefault(key, "?"));
    }
    line("");
    line("`load` is the load average when the run started: on a machine doing other work, every figure is slower and");
    line("spreads wider, Java's more (two JVMs and their JIT threads share the cores).");
    line("");
    line("![ratios to Go → Go](report.svg)");
    line("");
    line("How to read it: each figure is a median with its spread in parentheses, lowest–highest, and n, the number of");
    line("samples the spread is over: go test's `-count` runs for the Go host; JMH's measurement iterations (every");
    line("fork's) for the Java host, a p50 or p99 being over every call with the spread of the iterations' own p50s or");
    line("p99s; hyperfine's runs for launches. No figure is JMH's score with its error interval. A ratio's spread pairs");
    line("the two ranges' extremes. A steady-state figure whose lowest or highest sample is more than ±%.0f %% from its",
        Figure.STABLE_WITHIN * 100);
    line("median is shown as **unstable** with its range and no median, and so is any ratio it is part of: its samples");
    line("disagree too much for one number to be a result. For the steady-state figures");
    line("the plugins keep their values in memory (bench's own KV plugin in Java, Go and Python, the same behaviour), so");
    line("no figure includes a disk, and the Java plugin runs with the command `JavaCommand` gives a plugin that lives");
    line("long (`Lifetime.LONG`: the JVM's own defaults, C1 then C2 and G1); the start-up rows run the product's");
    line("commands and plugins as a user gets them.");
    if (results.has("jmh.json")) {
      steadyState(facts);
      unary();
      throughput();
    }
    launch();
    step01();
    commands();
    if (results.has("rss.tsv")) {
      rss();
    }
    if (results.has("benchstat.txt")) {
      line("");
      line("## benchstat of the Go host's runs");
      line("");
      line("```");
      md.append(results.file("benchstat.txt"));
      line("```");
    }
  }

  private void steadyState(Map<String, String> facts) throws IOException {
    line("");
    line("## Steady state before measuring");
    line("");
    String limit = facts.getOrDefault("warmup_max_s", "60") + " s";
    line("Before anything is measured, each plugin is called in rounds of 0.5 s of 16-byte Gets (and a 1 MiB Put and");
    line("Get) until the call time has stopped moving: the median of the last 10 rounds' medians (5 s) within ±5 %");
    line("of the median of the 10 before, after 10 s at least and %s at most. The Go host does it once per plugin", limit);
    line("(one go test process runs every benchmark), the Java host in each JMH trial (every fork's), before JMH's own");
    line("warm-up iterations. A KV sample is %s on the Go host (go test's `-benchtime`) and %s on the Java host (a",
        spaced(facts.getOrDefault("go_benchtime", "?")), Objects.requireNonNullElse(results.jmhMeasurementTime("get"), "?"));
    line("measurement iteration of JMH's). `order` above is the order the plugins, the mTLS modes and the two hosts ran");
    line("in, which turns from run to run.");
    if (!results.has("warmup.tsv")) {
      return;
    }
    line("");
    line("| host → plugin | mTLS | benchmark | warm-ups | warm-up s, median (lowest–highest) | settled |");
    line("|---|---|---|---|---|---|");
    for (WarmUps.Row row : WarmUps.read(results.file("warmup.tsv"))) {
      line("| %s → %s | %s | %s | %d | %s | %d of %d |", row.host(), row.plugin(), row.mtls(), row.benchmark(),
          row.seconds().samples(), row.seconds().format(1), row.settled(), row.seconds().samples());
    }
    line("");
    line("A warm-up that did not settle within its limit (%s) ended there: the figures after it may still be moving.",
        limit);
  }

  /** go test's duration as JMH writes one: {@code 3s} as {@code 3 s}, {@code 300ms} as {@code 300 ms}. */
  static String spaced(String goDuration) {
    return goDuration.replaceAll("^([0-9.]+)([a-zµ]+)$", "$1 $2");
  }

  private void unary() {
    line("");
    line("## Unary round trip: one KV Get of 16 bytes over a Unix socket");
    line("");
    line("| host → plugin | mTLS | p50 µs | p99 µs | calls/s | p50 ratio to Go → Go |");
    line("|---|---|---|---|---|---|");
    Map<String, List<Figure>> javaHostForks = new LinkedHashMap<>();
    for (String mtls : MTLS) {
      Figure base = results.go(goName("Unary", "go", mtls), "p50-ns");
      for (String[] pair : pairs()) {
        Figure p50;
        Figure p99;
        Figure callsPerSecond;
        if (pair[0].equals("Go")) {
          String name = goName("Unary", pair[1].toLowerCase(), mtls);
          p50 = scale(results.go(name, "p50-ns"), 1e-3);
          p99 = scale(results.go(name, "p99-ns"), 1e-3);
          callsPerSecond = results.go(name, "calls/s");
        } else {
          JsonObject metric = results.jmh("get", Map.of("plugin", pair[1].toLowerCase(), "mtls", mtls));
          if (metric == null) {
            continue;
          }
          p50 = Results.jmhPercentile(metric, 50);
          p99 = Results.jmhPercentile(metric, 99);
          javaHostForks.put(pair[0] + " → " + pair[1] + " | " + mtls, Results.jmhPercentileByFork(metric, 50));
          callsPerSecond = Results.jmhIterations(metric).inverse().scaled(1e6);
        }
        if (p50 == null) {
          continue;
        }
        Figure goP50 = scale(base, 1e-3);
        line("| %s → %s | %s | %s | %s | %s | %s |", pair[0], pair[1], mtls, p50.formatResult(0), p99.formatResult(0),
            callsPerSecond.formatResult(0), ratioCell(p50, goP50));
        if (!(pair[0].equals("Go") && pair[1].equals("Go")) && goP50 != null) {
          chart.add("unary Get p50, mTLS " + mtls, pair[0] + " host → " + pair[1] + " plugin", p50.ratioTo(goP50),
              p50.stable() && goP50.stable());
        }
      }
    }
    Figure goFloor = scale(results.go("BenchmarkEcho/bytes=16", "p50-ns"), 1e-3);
    JsonObject javaFloor = results.jmh("roundTrip", Map.of("bytes", "16"));
    line("| Go → echo (the floor) | – | %s | %s | %s | |", fmt(goFloor),
        fmt(scale(results.go("BenchmarkEcho/bytes=16", "p99-ns"), 1e-3)),
        fmt(results.go("BenchmarkEcho/bytes=16", "calls/s")));
    if (javaFloor != null) {
      line("| Java → echo (the floor) | – | %s | %s | %s | |", Results.jmhPercentile(javaFloor, 50).formatResult(0),
          Results.jmhPercentile(javaFloor, 99).formatResult(0),
          Results.jmhIterations(javaFloor).inverse().scaled(1e6).formatResult(0));
    }
    line("");
    line("The floor is the same 16 bytes as a request and a 16-byte answer to an echo process over the same kind of");
    line("socket, with no gRPC, HTTP/2 or TLS: what is above it is the cost of gRPC (and TLS with mTLS on).");
    line("calls/s is one caller's rate (1 / mean latency).");
    forks(javaHostForks);
  }

  /**
   * The Java host's p50 fork by fork, when JMH ran more than one: a figure flagged unstable above may be steady within
   * each start of the host and its plugin and apart between starts, which the one spread over every fork hides.
   */
  private void forks(Map<String, List<Figure>> byRow) {
    int most = byRow.values().stream().mapToInt(List::size).max().orElse(0);
    if (most < 2) {
      return;
    }
    line("");
    line("The Java host's p50 µs fork by fork (each JMH fork is a fresh host JVM and a fresh plugin), the spread over");
    line("that fork's iterations, and how far apart the forks' medians are (highest over lowest):");
    line("");
    StringBuilder header = new StringBuilder("| host → plugin | mTLS |");
    StringBuilder rule = new StringBuilder("|---|---|");
    for (int fork = 1; fork <= most; fork++) {
      header.append(" fork ").append(fork).append(" |");
      rule.append("---|");
    }
    line("%s forks apart |", header);
    line("%s---|", rule);
    for (Map.Entry<String, List<Figure>> row : byRow.entrySet()) {
      StringBuilder cells = new StringBuilder("| " + row.getKey() + " |");
      for (int fork = 0; fork < most; fork++) {
        cells.append(' ').append(fork < row.getValue().size() ? row.getValue().get(fork).formatResult(0) : "–")
            .append(" |");
      }
      double lowest = row.getValue().stream().mapToDouble(Figure::value).min().orElseThrow();
      double highest = row.getValue().stream().mapToDouble(Figure::value).max().orElseThrow();
      line("%s %.2fx |", cells, highest / lowest);
    }
    line("");
    line("A row whose forks are each steady but more than %.2fx apart is unstable between starts of the host, not",
        1 + Figure.STABLE_WITHIN);
    line("within one: its p50 above mixes the two.");
  }

  private void throughput() {
    line("");
    line("## 1 MiB Put and Get (MiB/s, one caller)");
    line("");
    line("| host → plugin | mTLS | Put MiB/s | Get MiB/s | Get ratio to Go → Go | Put ratio to Go → Go |");
    line("|---|---|---|---|---|---|");
    for (String mtls : MTLS) {
      Figure basePut = mibPerSecondGo("Put1MiB", "go", mtls);
      Figure baseGet = mibPerSecondGo("Get1MiB", "go", mtls);
      for (String[] pair : pairs()) {
        Figure put;
        Figure get;
        if (pair[0].equals("Go")) {
          put = mibPerSecondGo("Put1MiB", pair[1].toLowerCase(), mtls);
          get = mibPerSecondGo("Get1MiB", pair[1].toLowerCase(), mtls);
        } else {
          Map<String, String> params = Map.of("plugin", pair[1].toLowerCase(), "mtls", mtls);
          JsonObject p = results.jmh("put1MiB", params);
          JsonObject g = results.jmh("get1MiB", params);
          put = p == null ? null : Results.jmhIterations(p);
          get = g == null ? null : Results.jmhIterations(g);
        }
        if (put == null || get == null) {
          continue;
        }
        line("| %s → %s | %s | %s | %s | %s | %s |", pair[0], pair[1], mtls, put.formatResult(0),
            get.formatResult(0), ratioCell(get, baseGet), ratioCell(put, basePut));
        if (!(pair[0].equals("Go") && pair[1].equals("Go")) && baseGet != null) {
          // the chart shows cost, so the inverse of throughput
          chart.add("1 MiB Get time, mTLS " + mtls, pair[0] + " host → " + pair[1] + " plugin",
              get.ratioTo(baseGet).inverse(), get.stable() && baseGet.stable());
        }
      }
    }
    Figure floor = results.go("BenchmarkEcho/bytes=1048576", "MB/s");
    line("| Go → echo (the floor) | – | %s | | | |", fmt(scale(floor, 1e6 / MIB)));
    JsonObject javaFloor = results.jmh("roundTrip", Map.of("bytes", "1048576"));
    if (javaFloor != null) {
      line("| Java → echo (the floor) | – | %s | | | |",
          Results.jmhIterations(javaFloor).inverse().scaled(1e6).formatResult(0));
    }
    line("");
    line("A ratio above 1 here means faster than Go → Go. The floor sends 1 MiB and reads a 16-byte answer.");
  }

  private void launch() throws IOException {
    line("");
    line("## Launch to first call (hyperfine, a Go host command: start the plugin, one Put, kill it)");
    for (String mtls : MTLS) {
      line("");
      line("mTLS %s:", mtls);
      line("");
      line("| plugin | median ms (min–max) | ratio to Go | CPU s, host and plugin (mean) |");
      line("|---|---|---|---|");
      Figure go = results.launch(mtls, "go");
      for (String name : results.launchNames(mtls)) {
        Figure f = results.launch(mtls, name);
        Figure ratio = go == null ? null : f.ratioTo(go);
        line("| %s | %s | %s | %.2f |", name, f.format(0), ratio == null ? "–" : ratio.formatRatio(1),
            results.cpuSeconds("launch-mtls-" + mtls + ".json", name));
        if (!name.equals("go")) {
          chart.add("launch to first call, mTLS " + mtls, name, ratio);
        }
      }
      Figure before = results.launch(mtls, "java: JDK defaults (its jar and lib/)");
      Figure after = results.launchNames(mtls).stream().filter(n -> n.startsWith("java")).map(n -> {
        try {
          return results.launch(mtls, n);
        } catch (IOException e) {
          throw new IllegalStateException(e);
        }
      }).min((a, b) -> Double.compare(a.value(), b.value())).orElse(null);
      if (before != null && after != null) {
        line("");
        line("Java start-up tuning, mTLS %s: %.0f ms before (JDK defaults), %.0f ms after (the fastest option above): %.1fx faster.",
            mtls, before.value(), after.value(), before.value() / after.value());
      }
    }
    line("");
    line("The Java plugin is step02's KV plugin (its jar, as the `kv` command starts it; it writes each value to a small");
    line("file). The default path is the command `JavaCommand.forMain` gives: C1 only, serial GC, a small first heap and");
    line("the class-data archive `mvn package` made beside the jar. The JDK 25 AOT cache is made by bench/run with one");
    line("training launch (mTLS on).");
  }

  private void step01() throws IOException {
    String file = "launch-step01.json";
    if (!results.has(file)) {
      return;
    }
    line("");
    line("## step01's plugin (netrpc): launch to first call (hyperfine, go-plugin's Go host)");
    line("");
    line("The Go host starts the plugin, calls Dispense and Greet, then Control.Quit, and waits for it to exit.");
    line("");
    line("| plugin | median ms (min–max) | CPU s, host and plugin (mean) |");
    line("|---|---|---|");
    for (String name : results.hyperfineNames(file)) {
      line("| %s | %s | %.2f |", name, results.wallMillis(file, name).format(0), results.cpuSeconds(file, name));
    }
  }

  private void commands() throws IOException {
    String file = "commands.json";
    if (!results.has(file)) {
      return;
    }
    line("");
    line("## kv put and counter put, as the README runs them (AutoMTLS on): Java host + Java plugin, Go + Go");
    line("");
    line("Whole commands, host and plugin: wall time (hyperfine's median, min–max) and CPU time (user + system of the");
    line("host and every process it waited for, hyperfine's mean over the runs).");
    line("");
    line("| command | wall ms | wall ratio to Go | CPU s | CPU ratio to Go |");
    line("|---|---|---|---|---|");
    for (String name : results.hyperfineNames(file)) {
      String verb = name.substring(0, name.indexOf(':'));
      String goName = results.hyperfineNames(file).stream()
          .filter(n -> n.startsWith(verb + ": Go")).findFirst().orElse(null);
      Figure wall = results.wallMillis(file, name);
      Double cpu = results.cpuSeconds(file, name);
      Figure goWall = goName == null ? null : results.wallMillis(file, goName);
      Double goCpu = goName == null ? null : results.cpuSeconds(file, goName);
      line("| %s | %s | %s | %.2f | %s |", name, wall.format(0), goWall == null ? "–" : wall.ratioTo(goWall).formatRatio(1),
          cpu, goCpu == null ? "–" : String.format("%.0f", cpu / goCpu));
      if (goName != null && !name.equals(goName)) {
        chart.add(verb + " (AutoMTLS), wall", name.substring(verb.length() + 2), wall.ratioTo(goWall));
      }
    }
  }

  private void rss() throws IOException {
    line("");
    line("## Resident memory of each plugin process after 10 000 calls");
    line("");
    line("| plugin | mTLS | RSS MiB | ratio to Go |");
    line("|---|---|---|---|");
    Map<String, Double> rss = results.rss();
    rss.forEach((key, kib) -> {
      String[] k = key.split("\t");
      Double go = rss.get("go\t" + k[1]);
      line("| %s | %s | %.1f | %s |", k[0], k[1], kib / 1024, go == null ? "–" : String.format("%.1f", kib / go));
    });
    line("");
    line("One reading per plugin (VmRSS from /proc, read by the Go host before it kills the plugin); the JVM's heap is");
    line("sized by its defaults (a quarter of the machine's memory at most), so its RSS says what it took, not needed.");
  }

  private static String[][] pairs() {
    return new String[][] {{"Go", "Go"}, {"Go", "Java"}, {"Java", "Go"}, {"Java", "Java"}};
  }

  private static String goName(String benchmark, String plugin, String mtls) {
    return "Benchmark" + benchmark + "/plugin=" + plugin + "/mtls=" + mtls;
  }

  private Figure mibPerSecondGo(String benchmark, String plugin, String mtls) {
    return scale(results.go(goName(benchmark, plugin, mtls), "MB/s"), 1e6 / MIB);
  }

  private static Figure scale(Figure f, double factor) {
    return f == null ? null : f.scaled(factor);
  }

  /**
   * {@code figure} over {@code base}, or "unstable" with the ratio's range when either is: a ratio of a median that
   * is no result is none either.
   */
  static String ratioCell(Figure figure, Figure base) {
    if (base == null) {
      return "–";
    }
    Figure ratio = figure.ratioTo(base);
    return figure.stable() && base.stable() ? ratio.formatRatio(2)
        : String.format(Locale.ROOT, "unstable (%.2f–%.2f)", ratio.low(), ratio.high());
  }

  private static String fmt(Figure f) {
    return f == null ? "–" : f.format(0);
  }

  private void line(String format, Object... args) {
    md.append(args.length == 0 ? format : String.format(format, args)).append('\n');
  }
}
