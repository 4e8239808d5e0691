package io.gopluginjava.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.gopluginjava.testing.CollectingOutput;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("a host waiting for a handshake line says so, instead of a minute of silence")
class PluginLinesTest {

  private final CollectingOutput output = new CollectingOutput();
  private final PluginLines lines = new PluginLines("kv", output);

  @Test
  @DisplayName("every few seconds it says what it waits for and how long it will, then names the start timeout")
  void silentPluginIsReported() {
    assertThatExceptionOfType(PluginStartException.class)
        .isThrownBy(() -> lines.awaitHandshakeLine(Duration.ofMillis(350), () -> -1, Duration.ofMillis(100)))
        .withMessage("plugin \"kv\" printed no handshake line within 350 ms (the host's start timeout)\n"
            + "  (the plugin wrote nothing on stderr)");

    assertThat(output.lines()).as("what the host said while it waited")
        .hasSizeBetween(2, 3)
        .allSatisfy(line -> assertThat(line)
            .matches("kv stderr: \\(host\\) waiting for the plugin's handshake line: \\d+ ms of 350 ms"));
  }

  @Test
  @DisplayName("a plugin that answers in time gets no such line")
  void promptPluginIsNot() {
    lines.stdout("1|1|unix|/tmp/plugin1/plugin.sock|grpc|");

    assertThat(lines.awaitHandshakeLine(Duration.ofSeconds(5), () -> -1, Duration.ofMillis(100)))
        .as("the handshake line").startsWith("1|1|unix|");
    assertThat(output.lines()).as("what the host said").isEmpty();
  }
}
