package io.gopluginjava.bench.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import com.google.gson.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The report says what it measured: built from a fixed JMH JSON and go test output (src/test/resources/report), whose
 * numbers echo the run of issue 20 (a Java → Java Put of 1 MiB whose five iterations were 343–670 MiB/s, which the
 * old report printed as JMH's error interval, -70–1079).
 */
class ReportTest {

  @TempDir
  Path dir;

  @Test
  @DisplayName("a throughput's spread is the lowest and highest of its iterations, never JMH's error interval")
  void throughputSpreadIsOverIterations() throws IOException {
    JsonObject put = results().jmh("put1MiB", Map.of("plugin", "java", "mtls", "off"));

    Figure figure = Results.jmhIterations(put);

    assertThat(figure).as("median, lowest and highest of the iterations 343, 400, 505, 600, 670, and their count")
        .isEqualTo(new Figure(505, 343, 670, 5));
  }

  @Test
  @DisplayName("a sample-time figure's calls per second come from each iteration's mean, with the iterations' count")
  void sampleTimeIterationsAreMeans() throws IOException {
    JsonObject get = results().jmh("get", Map.of("plugin", "java", "mtls", "on"));

    Figure meanMicros = Results.jmhIterations(get);

    // each fixture iteration is 90 calls at its p50, 9 at 1.2 × p50 and 1 at its p99
    double lowest = (90 * 338 + 9 * 405.6 + 812) / 100;
    assertThat(meanMicros.low()).as("the lowest iteration's mean, µs").isCloseTo(lowest, offset(1e-6));
    assertThat(meanMicros.samples()).as("five measured iterations").isEqualTo(5);
  }

  @Test
  @DisplayName("a p50 is over every call, its spread over the iterations' own p50s")
  void percentileSpreadIsOverIterations() throws IOException {
    JsonObject get = results().jmh("get", Map.of("plugin", "java", "mtls", "off"));

    Figure p50 = Results.jmhPercentile(get, 50);

    assertThat(p50).as("p50 of all calls 860 µs, iterations' p50s 408 to 1282, five iterations")
        .isEqualTo(new Figure(860, 408, 1282, 5));
  }

  @Test
  @DisplayName("a p50 fork by fork is over that fork's iterations only: two steady forks apart are told apart")
  void percentileByFork() throws IOException {
    JsonObject get = results().jmh("get", Map.of("plugin", "go", "mtls", "off"));

    List<Figure> forks = Results.jmhPercentileByFork(get, 50);

    assertThat(forks).as("fork 1's iterations' p50s 365–380 µs, fork 2's 530–550, five each")
        .containsExactly(new Figure(370, 365, 380, 5), new Figure(540, 530, 550, 5));
    assertThat(Results.jmhPercentile(get, 50).stable()).as("the one spread over both forks").isFalse();
  }

  @Test
  @DisplayName("a figure whose samples stray more than ±15 % from the median is shown as unstable, without a median")
  void unstableFigureHasNoMedian() {
    Figure unstable = Figure.of(List.of(343.0, 400.0, 505.0, 600.0, 670.0));
    Figure stable = Figure.of(List.of(540.0, 550.0, 560.0, 555.0, 545.0));
    Figure justInside = Figure.of(List.of(86.0, 100.0, 114.0));

    assertThat(unstable.formatResult(0)).as("343 is 32 % below 505").isEqualTo("unstable (343–670, n=5)");
    assertThat(stable.formatResult(0)).as("every iteration within 2 % of 550").isEqualTo("550 (540–560, n=5)");
    assertThat(justInside.stable()).as("14 % either side is stable").isTrue();
  }

  @Test
  @DisplayName("a ratio with an unstable side is flagged, its range still shown")
  void ratioOfUnstableFigureIsFlagged() {
    Figure go = Figure.of(List.of(260.0, 270.0, 280.0));
    Figure java = Figure.of(List.of(408.0, 860.0, 1282.0));

    assertThat(ReportMain.ratioCell(java, go)).as("Java's iterations spread 3x").isEqualTo("unstable (1.46–4.93)");
    assertThat(ReportMain.ratioCell(go, go)).as("Go → Go over itself").isEqualTo("1.00 (0.93–1.08)");
  }

  @Test
  @DisplayName("the report's tables quote stable pairs with their sample counts and flag the unstable ones")
  void reportTables() throws IOException {
    String report = report();

    assertThat(report).as("Go → Go's p50 over 5 go test runs, 260–280 µs")
        .contains("| Go → Go | off | 270 (260–280, n=5) |");
    assertThat(report).as("Java → Java's p50: iterations 408–1282 µs, no median quoted, and no ratio either")
        .contains("| Java → Java | off | unstable (408–1282, n=5) |")
        .contains("unstable (1.46–4.93) |");
    assertThat(report).as("Java → Java's 1 MiB Put unstable (343–670), its Get stable (545–560)")
        .contains("| Java → Java | off | unstable (343–670, n=5) | 550 (540–560, n=5) |");
    assertThat(report).as("no spread below zero anywhere").doesNotContain("(-");
    assertThat(report).as("the Java host's forks apart: Java → Go's two steady forks 1.46x apart, one fork elsewhere")
        .contains("| host → plugin | mTLS | fork 1 | fork 2 | forks apart |")
        .contains("| Java → Go | off | 370 (365–380, n=5) | 540 (530–550, n=5) | 1.46x |")
        .contains("| Java → Java | off | unstable (408–1282, n=5) | – | 1.00x |");
  }

  @Test
  @DisplayName("the report says how long each warm-up took to reach its steady state, and how many settled")
  void warmUpTable() throws IOException {
    assertThat(report())
        .as("the Java host's two forks warmed the Java plugin for get in 12.0 and 60.1 s, one of them settled")
        .contains("| Java → Java | off | get | 2 | 36.1 (12.0–60.1, n=2) | 1 of 2 |")
        .as("the Go host warms each plugin once for all its benchmarks")
        .contains("| Go → Java | off | all | 1 | 14.0 (14.0–14.0, n=1) | 1 of 1 |");
  }

  @Test
  @DisplayName("the report takes a sample's length and the warm-up's limit from the run's own settings, not from its text")
  void sampleLengthsFromTheRun() throws IOException {
    assertThat(report())
        .as("go test's -benchtime 1s from facts.tsv, JMH's measurementTime \"1 s\" from jmh.json")
        .contains("A KV sample is 1 s on the Go host (go test's `-benchtime`) and 1 s on the Java host")
        .as("warmup_max_s 10 from facts.tsv, as in a quick run")
        .contains("after 10 s at least and 10 s at most")
        .contains("within its limit (10 s) ended there");
    assertThat(ReportMain.spaced("300ms")).as("a quick run's benchtime").isEqualTo("300 ms");
  }

  /** The report ReportMain writes from the fixtures. */
  private String report() throws IOException {
    copyFixtures();
    ReportMain.main(new String[] {dir.toString()});
    return Files.readString(dir.resolve("report.md"));
  }

  private Results results() throws IOException {
    copyFixtures();
    return new Results(dir);
  }

  private void copyFixtures() throws IOException {
    for (String name : List.of("jmh.json", "go-bench.txt", "facts.tsv", "warmup.tsv")) {
      try (InputStream in = ReportTest.class.getResourceAsStream("/report/" + name)) {
        Files.copy(in, dir.resolve(name));
      }
    }
  }
}
