package io.gopluginjava.step04;

import static org.assertj.core.api.Assertions.assertThat;

import io.gopluginjava.grpc.NettyTransport;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * step04's polyglot matrix once more, with the Java side on the JDK's portable NIO transport: go-plugin's Go programs
 * against Java hosts and plugins that cannot use epoll or kqueue. The transport is chosen once per JVM, from
 * {@code GOPLUGIN_TRANSPORT}, which the Java plugins that the Go hosts start inherit too: so the matrix runs in a JVM
 * of its own, started here with that variable, and this test runs beside the drills instead of after them, in a
 * surefire execution of its own that kept one of the two forks idle. Its per-cell report is in
 * {@code target/surefire-reports-nio}.
 */
@DisplayName("the polyglot matrix on the JDK's NIO transport")
class PolyglotMatrixOnNioTest {

  private static final String MATRIX = "io.gopluginjava.step04.PolyglotMatrixTest";
  private static final Path REPORTS = Path.of(System.getProperty("reliability.basedir", "."), "target",
      "surefire-reports-nio");
  private static final Pattern SUMMARY = Pattern.compile("\\[\\s+(\\d+) tests (successful|failed|found)\\s+]");

  @TempDir Path scratch;

  @Test
  @Timeout(value = 4, unit = TimeUnit.MINUTES)
  @DisplayName("every cell of the matrix passes with GOPLUGIN_TRANSPORT=nio, in its host and in its plugins")
  void everyCellOnNio() throws Exception {
    Path output = scratch.resolve("matrix-on-nio.txt");
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", // as the steps' own test JVMs: the matrix is many short runs
        "-cp", System.getProperty("java.class.path"),
        "org.junit.platform.console.ConsoleLauncher", "execute", "--disable-banner", "--disable-ansi-colors",
        "--details=tree", "--select-class", MATRIX, "--reports-dir", REPORTS.toString()));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
    builder.environment().put(NettyTransport.ENV, "nio");
    Process matrix = builder.start();
    String printed;
    try {
      assertThat(matrix.waitFor(210, TimeUnit.SECONDS)).as("the matrix on NIO finished within 210 s").isTrue();
    } finally {
      matrix.descendants().forEach(ProcessHandle::destroyForcibly);
      matrix.destroyForcibly().waitFor();
      printed = Files.readString(output, StandardCharsets.UTF_8);
      System.out.println("polyglot matrix, GOPLUGIN_TRANSPORT=nio:\n" + printed);
    }

    assertThat(count(printed, "failed")).as("cells that failed on NIO; the matrix's output:%n%s", printed).isZero();
    assertThat(count(printed, "successful")).as("cells that passed on NIO; the matrix's output:%n%s", printed)
        .isEqualTo(count(printed, "found")).isPositive();
    assertThat(matrix.exitValue()).as("the matrix's exit status; its output:%n%s", printed).isZero();
  }

  /** A count from the console launcher's summary ("[ 24 tests successful ]"), or -1 when it printed none. */
  private static int count(String printed, String what) {
    Matcher matcher = SUMMARY.matcher(printed);
    while (matcher.find()) {
      if (matcher.group(2).equals(what)) {
        return Integer.parseInt(matcher.group(1));
      }
    }
    return -1;
  }
}
