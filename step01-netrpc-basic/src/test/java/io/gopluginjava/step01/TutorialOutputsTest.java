package io.gopluginjava.step01;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.gopluginjava.core.ClientConfig;
import io.gopluginjava.core.Handshake;
import io.gopluginjava.core.HandshakeException;
import io.gopluginjava.core.MagicCookie;
import io.gopluginjava.core.PluginClient;
import io.gopluginjava.core.PluginStartException;
import io.gopluginjava.step01.host.GreeterHost;
import io.gopluginjava.step01.shared.GreeterNetRpcPlugin;
import io.gopluginjava.step01.shared.Handshakes;
import io.gopluginjava.workbook.OutputShape;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The sample outputs TUTORIAL.md and README.md show for step01 are recorded runs (src/test/resources/tutorial-outputs):
 * each test makes the run again and checks that the recording still has its shape. WorkbookTest checks the documents
 * against the recordings.
 */
@DisplayName("step01's sample outputs in the docs")
class TutorialOutputsTest {

  private static final Path OUTPUTS = Path.of("src/test/resources/tutorial-outputs");

  @Test
  @DisplayName("the tour's step01 trace is what GreeterHost prints: launch, handshake, each JSON message, the kill")
  void greeterTour() throws IOException, InterruptedException {
    Process host = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), GreeterHost.class.getName())
        .redirectError(ProcessBuilder.Redirect.DISCARD)
        .start();
    try {
      List<String> lines = new String(host.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList();
      assertThat(host.waitFor(60, TimeUnit.SECONDS)).as("the host exited").isTrue();
      assertThat(host.exitValue()).as("the host's exit status (its output: %s)", lines).isZero();

      assertThat(OutputShape.check(OUTPUTS.resolve("greeter-tour.txt"), lines)).as("greeter-tour.txt against this run")
          .isEmpty();
    } finally {
      host.destroyForcibly().waitFor();
    }
  }

  @Test
  @DisplayName("the handshake refusal shown is the message of a line with another core version")
  void coreVersionRefusal() {
    String line = "2|1|unix|/tmp/plugin1234567890|netrpc|";

    assertThatExceptionOfType(HandshakeException.class)
        .isThrownBy(() -> Handshake.accept(line, List.of(1), List.of("netrpc")))
        .satisfies(e -> assertThat(OutputShape.check(OUTPUTS.resolve("core-version-refusal.txt"),
            e.getMessage().lines().toList())).as("core-version-refusal.txt").isEmpty());
  }

  @Test
  @DisplayName("the start failure shown is what a plugin that exits with status 3 before its handshake gives")
  void exitBeforeHandshake() {
    try (PluginClient client = new PluginClient(ClientConfig.builder()
        .name("fake")
        .handshake(Handshakes.GREETER)
        .command("sh", "-c", "echo 'fake plugin: reading config' >&2;"
            + " echo 'fake plugin: config file not found, giving up' >&2; exit 3")
        .plugins(Map.of(Handshakes.GREETER_PLUGIN, new GreeterNetRpcPlugin())).autoMtls(false).build())) {
      assertThatExceptionOfType(PluginStartException.class)
          .isThrownBy(client::start)
          .satisfies(e -> assertThat(OutputShape.check(OUTPUTS.resolve("exit-before-handshake.txt"),
              e.getMessage().lines().toList())).as("exit-before-handshake.txt").isEmpty());
    }
  }

  @Test
  @DisplayName("the refusal shown for a plugin run by hand is the text every plugin prints without the cookie")
  void cookieRefusal() {
    assertThat(OutputShape.check(OUTPUTS.resolve("cookie-refusal.txt"), MagicCookie.NOT_A_HOST_MESSAGE.lines().toList()))
        .as("cookie-refusal.txt").isEmpty();
  }
}
