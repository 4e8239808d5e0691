package io.gopluginjava.step02.host;

import static org.assertj.core.api.Assertions.assertThat;

import io.gopluginjava.core.JavaCommand;
import io.gopluginjava.step02.plugin.KvPluginMain;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code kv} command, as go-plugin's examples/grpc host is used: {@code KV_PLUGIN=... kv put|get}. */
@DisplayName("the kv command")
class KvCommandTest {

  @TempDir Path workDir;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int kv(String... args) {
    return KvCommand.run(List.of(args), Map.of("KV_PLUGIN", JavaCommand.shellLineIn(workDir, KvPluginMain.class)),
        new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  @Test
  @DisplayName("kv put then kv get prints the value the plugin stored, over mTLS on a Unix socket")
  void putThenGet() {
    assertThat(kv("put", "hello", "world")).as("put's exit status (stderr: %s)", err).isZero();
    assertThat(kv("get", "hello")).as("get's exit status (stderr: %s)", err).isZero();

    assertThat(out.toString(StandardCharsets.UTF_8)).as("what get printed")
        .isEqualTo("world\n\nWritten from plugin-java\n");
  }

  @Test
  @DisplayName("getting a key never put is a one-line error from the plugin, and exit status 1")
  void getMissingKey() {
    assertThat(kv("get", "nothing")).as("exit status").isEqualTo(1);
    assertThat(err.toString(StandardCharsets.UTF_8)).as("stderr")
        .startsWith("Error: the plugin failed: INTERNAL no value for key \"nothing\"");
  }

  @Test
  @DisplayName("anything but put or get is refused with the usage")
  void badUsage() {
    assertThat(kv("delete", "hello")).as("exit status").isEqualTo(1);
    assertThat(err.toString(StandardCharsets.UTF_8)).as("stderr")
        .contains("Please only use 'get' or 'put', given: [delete, hello]").contains("usage: kv put KEY VALUE");
  }
}
