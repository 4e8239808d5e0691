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
 * Tests of the steps once more with the Java side on the JDK's portable NIO transport, the path of a platform without
 * epoll or kqueue: step02's transport tests and KV conversation, and step04's polyglot matrix (go-plugin's Go
 * programs against Java hosts and plugins). The transport is chosen once per JVM, from {@code GOPLUGIN_TRANSPORT},
 * which the Java plugins that a test starts inherit too: so each set runs in a JVM of its own, started here with that
 * variable in its step's directory, beside the drills, and the steps' own {@code mvn test} stays on one transport.
 * The per-test reports are in {@code target/surefire-reports-nio/<step>}.
 */
@DisplayName("the steps' tests on the JDK's NIO transport")
class OnNioTransportTest {

  private static final Path BASEDIR = Path.of(System.getProperty("reliability.basedir", ".")).toAbsolutePath();
  private static final Path REPORTS = BASEDIR.resolve("target").resolve("surefire-reports-nio");
  private static final Pattern SUMMARY = Pattern.compile("\\[\\s+(\\d+) tests (successful|failed|skipped|found)\\s+]");

  @TempDir Path scratch;

  @Test
  @Timeout(value = 2, unit = TimeUnit.MINUTES)
  @DisplayName("step02's transport tests and its KV conversation pass with GOPLUGIN_TRANSPORT=nio, in host and plugin")
  void transportAndKvOnNio() throws Exception {
    assertAllPassOnNio("step02-grpc", "io.gopluginjava.grpc.NettyTransportTest",
        "io.gopluginjava.grpc.ChannelAuthorityTest", "io.gopluginjava.step02.KvPluginTest");
  }

  @Test
  @Timeout(value = 4, unit = TimeUnit.MINUTES)
  @DisplayName("every cell of step04's polyglot matrix passes with GOPLUGIN_TRANSPORT=nio, in its host and its plugins")
  void everyCellOnNio() throws Exception {
    assertAllPassOnNio("step04-polyglot", "io.gopluginjava.step04.PolyglotMatrixTest");
  }

  private void assertAllPassOnNio(String step, String... testClasses) throws Exception {
    Path output = scratch.resolve(step + "-on-nio.txt");
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", // as the steps' own test JVMs: many short runs
        "-cp", System.getProperty("java.class.path"),
        "org.junit.platform.console.ConsoleLauncher", "execute", "--disable-banner", "--disable-ansi-colors",
        "--details=tree", "--reports-dir", REPORTS.resolve(step).toString()));
    for (String testClass : testClasses) {
      command.addAll(List.of("--select-class", testClass));
    }
    // The step's tests read files of their step relative to it, as under surefire.
    ProcessBuilder builder = new ProcessBuilder(command).directory(BASEDIR.resolveSibling(step).toFile())
        .redirectErrorStream(true).redirectOutput(output.toFile());
    builder.environment().put(NettyTransport.ENV, "nio");
    Process tests = builder.start();
    String printed;
    try {
      assertThat(tests.waitFor(210, TimeUnit.SECONDS)).as("%s's tests on NIO finished within 210 s", step).isTrue();
    } finally {
      tests.descendants().forEach(ProcessHandle::destroyForcibly);
      tests.destroyForcibly().waitFor();
      printed = Files.readString(output, StandardCharsets.UTF_8);
      System.out.println(step + "'s tests, GOPLUGIN_TRANSPORT=nio:\n" + printed);
    }

    assertThat(count(printed, "failed")).as("tests that failed on NIO; the output:%n%s", printed).isZero();
    assertThat(count(printed, "successful")).as("tests that passed on NIO; the output:%n%s", printed).isPositive();
    assertThat(count(printed, "successful") + Math.max(0, count(printed, "skipped")))
        .as("tests that passed or were skipped (another OS's) on NIO, against those found; the output:%n%s", printed)
        .isEqualTo(count(printed, "found"));
    assertThat(tests.exitValue()).as("the console launcher's exit status; its output:%n%s", printed).isZero();
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
