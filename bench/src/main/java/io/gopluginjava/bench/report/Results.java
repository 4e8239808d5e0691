package io.gopluginjava.bench.report;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads what bench/run left in its output directory: JMH's JSON, go test's output, hyperfine's JSON, rss.tsv. */
final class Results {

  private static final Pattern GO_LINE = Pattern.compile("^(Benchmark\\S+?)(?:-\\d+)?\\s+\\d+\\s+(.*)$");

  private final Path dir;
  private final JsonArray jmh;
  /** Go benchmark name, then unit, then one value per -count run. */
  private final Map<String, Map<String, List<Double>>> go = new LinkedHashMap<>();

  Results(Path dir) throws IOException {
    this.dir = dir;
    // bench/run --startup measures only start-up: no JMH, no go test.
    this.jmh = Files.exists(dir.resolve("jmh.json"))
        ? JsonParser.parseString(Files.readString(dir.resolve("jmh.json"))).getAsJsonArray() : new JsonArray();
    List<String> goLines = Files.exists(dir.resolve("go-bench.txt"))
        ? Files.readAllLines(dir.resolve("go-bench.txt")) : List.of();
    for (String line : goLines) {
      Matcher m = GO_LINE.matcher(line);
      if (m.matches()) {
        String[] fields = m.group(2).trim().split("\\s+");
        Map<String, List<Double>> units = go.computeIfAbsent(m.group(1), k -> new LinkedHashMap<>());
        for (int i = 0; i + 1 < fields.length; i += 2) {
          units.computeIfAbsent(fields[i + 1], k -> new ArrayList<>()).add(Double.parseDouble(fields[i]));
        }
      }
    }
  }

  Map<String, String> facts() throws IOException {
    return tsv("facts.tsv");
  }

  /** A go test metric (ns/op, p50-ns, MB/s, …) over the -count runs, or null when that benchmark did not run. */
  Figure go(String benchmark, String unit) {
    Map<String, List<Double>> units = go.get(benchmark);
    return units == null || !units.containsKey(unit) ? null : Figure.of(units.get(unit));
  }

  /** How long each measurement iteration of {@code benchmark} (method name) was, as JMH says it ("3 s"), or null. */
  String jmhMeasurementTime(String benchmark) {
    for (JsonElement e : jmh) {
      JsonObject result = e.getAsJsonObject();
      if (result.get("benchmark").getAsString().endsWith("." + benchmark) && result.has("measurementTime")) {
        return result.get("measurementTime").getAsString();
      }
    }
    return null;
  }

  /** The JMH result of {@code benchmark} (method name) with these parameters, or null. */
  JsonObject jmh(String benchmark, Map<String, String> params) {
    for (JsonElement e : jmh) {
      JsonObject result = e.getAsJsonObject();
      if (!result.get("benchmark").getAsString().endsWith("." + benchmark)) {
        continue;
      }
      JsonObject actual = result.getAsJsonObject("params");
      if (params.entrySet().stream().allMatch(p -> actual != null && actual.has(p.getKey())
          && actual.get(p.getKey()).getAsString().equals(p.getValue()))) {
        return result.getAsJsonObject("primaryMetric");
      }
    }
    return null;
  }

  /**
   * A JMH result over its measurement iterations, every fork's: their median, lowest and highest, and how many there
   * are. The value of an iteration is its score (operations per second of a throughput, the mean time per call of a
   * sample time), not JMH's score with its error, an interval that can go below zero.
   */
  static Figure jmhIterations(JsonObject metric) {
    List<Double> perIteration = new ArrayList<>();
    if (metric.has("rawData")) {
      for (JsonElement fork : metric.getAsJsonArray("rawData")) {
        fork.getAsJsonArray().forEach(score -> perIteration.add(score.getAsDouble()));
      }
    } else {
      for (JsonElement fork : metric.getAsJsonArray("rawDataHistogram")) {
        fork.getAsJsonArray().forEach(iteration -> perIteration.add(histogramMean(iteration.getAsJsonArray())));
      }
    }
    return Figure.of(perIteration);
  }

  /**
   * A percentile of a sample-time JMH result: the value over all samples, the spread over the measurement iterations'
   * own percentiles (every fork's), the count of those iterations.
   */
  static Figure jmhPercentile(JsonObject metric, double percentile) {
    double all = metric.getAsJsonObject("scorePercentiles").get(String.format(java.util.Locale.ROOT, "%.1f", percentile)).getAsDouble();
    Figure spread = Figure.of(iterationPercentiles(metric, percentile).stream().flatMap(List::stream).toList());
    return new Figure(all, Math.min(all, spread.low()), Math.max(all, spread.high()), spread.samples());
  }

  /**
   * A percentile of a sample-time JMH result for each fork apart: the median, lowest and highest of that fork's
   * iterations' own percentiles. Each fork is a fresh JVM, and in the Java host's benchmarks a fresh plugin too.
   */
  static List<Figure> jmhPercentileByFork(JsonObject metric, double percentile) {
    return iterationPercentiles(metric, percentile).stream().map(Figure::of).toList();
  }

  /** Each measurement iteration's own percentile, fork by fork. */
  private static List<List<Double>> iterationPercentiles(JsonObject metric, double percentile) {
    List<List<Double>> forks = new ArrayList<>();
    for (JsonElement fork : metric.getAsJsonArray("rawDataHistogram")) {
      List<Double> perIteration = new ArrayList<>();
      for (JsonElement iteration : fork.getAsJsonArray()) {
        perIteration.add(histogramPercentile(iteration.getAsJsonArray(), percentile));
      }
      forks.add(perIteration);
    }
    return forks;
  }

  private static double histogramMean(JsonArray buckets) {
    double sum = 0;
    long count = 0;
    for (JsonElement b : buckets) {
      JsonArray pair = b.getAsJsonArray();
      sum += pair.get(0).getAsDouble() * pair.get(1).getAsLong();
      count += pair.get(1).getAsLong();
    }
    return sum / count;
  }

  private static double histogramPercentile(JsonArray buckets, double percentile) {
    List<double[]> pairs = new ArrayList<>();
    long total = 0;
    for (JsonElement b : buckets) {
      JsonArray pair = b.getAsJsonArray();
      pairs.add(new double[] {pair.get(0).getAsDouble(), pair.get(1).getAsDouble()});
      total += pair.get(1).getAsLong();
    }
    pairs.sort((a, b) -> Double.compare(a[0], b[0]));
    double rank = Math.ceil(total * percentile / 100);
    double seen = 0;
    for (double[] pair : pairs) {
      seen += pair[1];
      if (seen >= rank) {
        return pair[0];
      }
    }
    return pairs.get(pairs.size() - 1)[0];
  }

  /** hyperfine's runs of one command, in ms: median, min–max. Null when that command was not run. */
  Figure launch(String mtls, String name) throws IOException {
    return wallMillis("launch-mtls-" + mtls + ".json", name);
  }

  List<String> launchNames(String mtls) throws IOException {
    return hyperfineNames("launch-mtls-" + mtls + ".json");
  }

  /** One command's wall time in a hyperfine export, in ms: median, min–max; null when it was not run. */
  Figure wallMillis(String file, String name) throws IOException {
    JsonObject result = hyperfine(file, name);
    if (result == null) {
      return null;
    }
    List<Double> times = new ArrayList<>();
    result.getAsJsonArray("times").forEach(t -> times.add(t.getAsDouble() * 1000));
    return Figure.of(times);
  }

  /**
   * One command's CPU time in a hyperfine export, in s, user + system of it and every process it waited for (the
   * plugin too): hyperfine keeps only their means over the runs. Null when it was not run.
   */
  Double cpuSeconds(String file, String name) throws IOException {
    JsonObject result = hyperfine(file, name);
    return result == null ? null : result.get("user").getAsDouble() + result.get("system").getAsDouble();
  }

  /** The commands of a hyperfine export in the order they ran; none when the file is not there. */
  List<String> hyperfineNames(String file) throws IOException {
    List<String> names = new ArrayList<>();
    if (Files.exists(dir.resolve(file))) {
      JsonParser.parseString(Files.readString(dir.resolve(file))).getAsJsonObject().getAsJsonArray("results")
          .forEach(e -> names.add(e.getAsJsonObject().get("command").getAsString()));
    }
    return names;
  }

  boolean has(String file) {
    return Files.exists(dir.resolve(file));
  }

  private JsonObject hyperfine(String file, String name) throws IOException {
    if (!Files.exists(dir.resolve(file))) {
      return null;
    }
    for (JsonElement e : JsonParser.parseString(Files.readString(dir.resolve(file))).getAsJsonObject()
        .getAsJsonArray("results")) {
      JsonObject result = e.getAsJsonObject();
      if (result.get("command").getAsString().equals(name)) {
        return result;
      }
    }
    return null;
  }

  /** rss.tsv: "plugin\tmtls" to KiB. */
  Map<String, Double> rss() throws IOException {
    Map<String, Double> rss = new LinkedHashMap<>();
    List<String> lines = Files.readAllLines(dir.resolve("rss.tsv"));
    for (String line : lines.subList(1, lines.size())) {
      String[] f = line.split("\t");
      rss.put(f[0] + "\t" + f[1], Double.parseDouble(f[2]));
    }
    return rss;
  }

  String file(String name) throws IOException {
    return Files.readString(dir.resolve(name));
  }

  private Map<String, String> tsv(String name) throws IOException {
    Map<String, String> map = new LinkedHashMap<>();
    for (String line : Files.readAllLines(dir.resolve(name))) {
      int tab = line.indexOf('\t');
      if (tab > 0) {
        map.put(line.substring(0, tab), line.substring(tab + 1));
      }
    }
    return map;
  }
}
