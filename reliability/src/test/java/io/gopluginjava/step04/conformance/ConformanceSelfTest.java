package io.gopluginjava.step04.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import io.gopluginjava.step04.Language;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * The conformance suite is worth running only if each check catches the flaw it is about, and only that one: run
 * against a plugin with one rule of go-plugin broken ({@code src/test/python/flawed_kv_plugin.py}), exactly that
 * rule's check fails, with a message saying what go-plugin expects.
 */
@DisplayName("the conformance suite, run against deliberately flawed plugins")
class ConformanceSelfTest {

  /** This module's own directory: the tests run in step04's, where the plugins they check are built. */
  private static final Path FIXTURES = Path.of(System.getProperty("reliability.basedir", "."));

  /** One flaw of {@code flawed_kv_plugin.py}, the check that must catch it alone, and a part of its message. */
  enum Flaw {
    COOKIE_MESSAGE("cookie-message", Check.REFUSES_WITHOUT_COOKIE, "go-plugin prints exactly this message"),
    HANDSHAKE_LINE("handshake-line", Check.HANDSHAKE_LINE, "field 6 of 1|1|unix|"),
    VERSION_NEGOTIATION("version-negotiation", Check.VERSION_NEGOTIATION, "go-plugin serves its lowest, 1"),
    HEALTH_WATCH("health-watch", Check.HEALTH, "Health/Watch(\"plugin\")"),
    CONTRACT("contract", Check.CONTRACT, "proto.KV/Get of a key never put is an error"),
    STDIO("stdio", Check.STDIO, "INTERNAL"),
    SHUTDOWN_STATUS("shutdown-status", Check.SHUTDOWN, "exit status after plugin.GRPCController/Shutdown"),
    LEAVES_SOCKET("leaves-socket", Check.LEAVES_NO_SOCKET, "left in PLUGIN_UNIX_SOCKET_DIR"),
    PADDED_CERTIFICATE("padded-certificate", Check.AUTO_MTLS, "base64 without padding"),
    ACCEPTS_STRANGERS("accepts-strangers", Check.REFUSES_STRANGERS, "the handshake succeeded");

    final String argument;
    final Check check;
    final String message;

    Flaw(String argument, Check check, String message) {
      this.argument = argument;
      this.check = check;
      this.message = message;
    }
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Flaw.class)
  @DisplayName("a plugin with one flaw fails exactly that flaw's check, with a message naming what go-plugin expects")
  void eachCheckFailsAlone(Flaw flaw) {
    Path plugin = FIXTURES.resolve("src/test/python/flawed_kv_plugin.py");

    Map<String, String> failures = failedChecks(
        "'" + Language.pythonExecutable() + "' '" + plugin + "' " + flaw.argument, stdioObservedFor(flaw));

    assertThat(failures.keySet()).as("the checks that failed against the flaw %s: %s", flaw.argument, failures)
        .containsExactly(flaw.check.method());
    assertThat(failures.get(flaw.check.method())).as("the message of %s", flaw.check.method()).contains(flaw.message);
  }

  @Test
  @DisplayName("a plugin that is no plugin at all fails every check, a dead one the stranger's-certificate check too")
  void catchesANonPlugin() {
    Path broken = FIXTURES.resolve("src/test/resources/broken-kv-plugin.sh");

    Map<String, String> failures = failedChecks("sh '" + broken + "'", STDIO_OBSERVED_ELSEWHERE);

    assertThat(failures.keySet()).as("every check of the suite failed: %s", failures)
        .hasSize(Check.values().length);
    assertThat(failures).as("the cookie check's message").hasEntrySatisfying(Check.REFUSES_WITHOUT_COOKIE.method(),
        message -> assertThat(message).contains("go-plugin prints exactly this message"));
    assertThat(failures).as("the handshake check's message").hasEntrySatisfying(Check.HANDSHAKE_LINE.method(),
        message -> assertThat(message).contains("field 2 of 1|9|unix|/nonexistent/plugin.sock|grpc|"));
    assertThat(failures).as("the health check's message").hasEntrySatisfying(Check.HEALTH.method(),
        message -> assertThat(message).contains("the plugin chose version 9, but this host offered [1]"));
  }

  /**
   * How long the stdio check watches the stream in a run whose flaw is another: the suite's 1 s would be sat out by
   * every healthy stream, 11 times over. The stdio flaw itself is run with the suite's own window, and a stream that
   * stays open is the healthy case of every other check's run and of every plugin {@code ConformanceCommandTest} checks.
   */
  private static final long STDIO_OBSERVED_ELSEWHERE = 200;

  private static long stdioObservedFor(Flaw flaw) {
    return flaw.check == Check.STDIO ? Target.DEFAULT_STDIO_OBSERVED_MILLIS : STDIO_OBSERVED_ELSEWHERE;
  }

  /** Runs the whole suite against {@code command}: the failed checks by method name, with their messages. */
  private static Map<String, String> failedChecks(String command, long stdioObservedMillis) {
    LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
        .selectors(selectClass(ConformanceTest.class))
        .configurationParameter(Target.COMMAND, command)
        .configurationParameter(Target.STDIO_OBSERVED_MILLIS, String.valueOf(stdioObservedMillis))
        .build();
    SummaryGeneratingListener listener = new SummaryGeneratingListener();

    LauncherFactory.create().execute(request, listener);

    Map<String, String> failures = new TreeMap<>();
    for (TestExecutionSummary.Failure failure : listener.getSummary().getFailures()) {
      failures.put(failure.getTestIdentifier().getLegacyReportingName().replaceAll("\\(.*$", ""),
          String.valueOf(failure.getException()));
    }
    assertThat(listener.getSummary().getTestsFoundCount()).as("checks run").isEqualTo(Check.values().length);
    return failures;
  }
}
