package io.gopluginjava.step04.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/** The conformance suite is worth running only if it catches a broken plugin and says what go-plugin expects. */
@DisplayName("the conformance suite, run against a deliberately broken plugin")
class ConformanceSelfTest {

  @Test
  @DisplayName("fails every check, each with a message naming what go-plugin expects")
  void catchesABrokenPlugin() {
    Path broken = Path.of("src/test/resources/broken-kv-plugin.sh").toAbsolutePath();
    LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
        .selectors(selectClass(ConformanceTest.class))
        .configurationParameter(Target.COMMAND, "sh '" + broken + "'")
        .build();
    SummaryGeneratingListener listener = new SummaryGeneratingListener();

    LauncherFactory.create().execute(request, listener);

    Map<String, String> failures = new TreeMap<>();
    for (TestExecutionSummary.Failure failure : listener.getSummary().getFailures()) {
      failures.put(failure.getTestIdentifier().getLegacyReportingName(), String.valueOf(failure.getException()));
    }
    assertThat(listener.getSummary().getTestsSucceededCount()).as("checks the broken plugin passed: %s", failures)
        .isZero();
    assertThat(failures).as("every check of the suite failed").hasSize(9);
    assertThat(failures).as("the cookie check's message").hasEntrySatisfying("refusesWithoutCookie(Target)[1]",
        message -> assertThat(message).contains("BASIC_PLUGIN=hello"));
    assertThat(failures).as("the handshake check's message").hasEntrySatisfying("handshakeLine(Target)[1]",
        message -> assertThat(message).contains("field 2 of 1|9|unix|/nonexistent/plugin.sock|grpc|"));
    assertThat(failures).as("the health check's message").hasEntrySatisfying("health(Target)[1]",
        message -> assertThat(message).contains("the plugin chose version 9, but this host offered [1]"));
  }
}
