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

/**
 * The {@code kv} command, as go-plugin's examples/grpc host is used: {@code KV_PLUGIN=... kv put|get}. A put then a get
 * is {@code TutorialOutputsTest#kvGet}, which checks what get prints against the sample the docs show.
 */
@DisplayName("the kv command")
class KvCommandTest {

  @TempDir Path workDir;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int kv(String... args) {
    return kvWith(Map.of("KV_PLUGIN", JavaCommand.shellLineIn(workDir, KvPluginMain.class)), args);
  }

  private int kvWith(Map<String, String> env, String... args) {
    return KvCommand.run(List.of(args), env,
        new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private String stderr() {
    return err.toString(StandardCharsets.UTF_8);
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

  @Test
  @DisplayName("a plugin that fails to start is named with the variable that chose it")
  void failingPluginIsNamed() {
    assertThat(kvWith(Map.of("KV_PLUGIN", "echo 'no such plugin here' >&2; exit 3"), "get", "a")).as("exit status")
        .isEqualTo(1);
    assertThat(stderr()).as("stderr")
        .contains("exited with status 3 before printing its handshake line")
        .contains("  plugin: sh -c 'echo 'no such plugin here' >&2; exit 3' (from KV_PLUGIN)");
  }

  @Test
  @DisplayName("a plugin without a certificate under AutoMTLS gets the exact command that turns AutoMTLS off")
  void missingCertificateSaysHowToTurnAutoMtlsOff() {
    String noCertificate = "echo '1|1|unix|" + workDir.resolve("nobody.sock") + "|grpc|'; exec sleep 30";

    assertThat(kvWith(Map.of("KV_PLUGIN", noCertificate), "put", "a", "b")).as("exit status").isEqualTo(1);
    assertThat(stderr()).as("stderr")
        .contains("AutoMTLS is on, but the plugin announced no certificate")
        .contains("  to run it without AutoMTLS: KV_AUTO_MTLS=false kv put a b");
  }

  @Test
  @DisplayName("a silent plugin is given up on after KV_START_TIMEOUT, and the message says how to wait longer")
  void startTimeoutComesFromTheEnvironment() {
    assertThat(kvWith(Map.of("KV_PLUGIN", "exec sleep 30", "KV_START_TIMEOUT", "300ms"), "get", "a"))
        .as("exit status").isEqualTo(1);
    assertThat(stderr()).as("stderr")
        .contains("printed no handshake line within 300 ms (the host's start timeout)")
        .contains("  to wait longer than 300 ms: KV_START_TIMEOUT=5m kv get a");
  }

  @Test
  @DisplayName("a start timeout that is not a duration is refused before anything runs")
  void badStartTimeout() {
    assertThat(kvWith(Map.of("KV_START_TIMEOUT", "soon"), "get", "a")).as("exit status").isEqualTo(1);
    assertThat(stderr()).as("stderr").isEqualTo("Error: KV_START_TIMEOUT must be a positive duration such as 90s, 2m"
        + " or 500ms; it is \"soon\"\n");
  }

  @Test
  @DisplayName("a plugin that runs but announced a socket nobody listens on: the socket is named, and the plugin")
  void socketNobodyListensOn() {
    String socket = workDir.resolve("gone/plugin.sock").toString();
    String plugin = "echo '1|1|unix|" + socket + "|grpc|'; exec sleep 30";

    assertThat(kvWith(Map.of("KV_PLUGIN", plugin, "KV_AUTO_MTLS", "false"), "put", "a", "b")).as("exit status")
        .isEqualTo(1);
    assertThat(stderr()).as("stderr")
        .contains("is running, but KV.put cannot reach it at unix " + socket + ": its socket file is gone")
        .contains("  plugin: sh -c '" + plugin + "' (from KV_PLUGIN)");
  }
}
