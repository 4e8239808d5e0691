package io.gopluginjava.step01;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.gopluginjava.core.ClientConfig;
import io.gopluginjava.core.JavaCommand;
import io.gopluginjava.core.PluginChecksumException;
import io.gopluginjava.core.PluginChecksumException.Problem;
import io.gopluginjava.core.PluginClient;
import io.gopluginjava.core.PluginServer;
import io.gopluginjava.core.SecureConfig;
import io.gopluginjava.core.ServeConfig;
import io.gopluginjava.netrpc.NetRpcPlugin;
import io.gopluginjava.step01.plugin.GreeterNetRpcPluginMain;
import io.gopluginjava.step01.shared.Greeter;
import io.gopluginjava.step01.shared.GreeterNetRpcPlugin;
import io.gopluginjava.step01.shared.Handshakes;
import io.gopluginjava.testing.InJvmPlugin;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

/** go-plugin's SecureConfig: the host checks the plugin file's SHA-256 before it runs anything. */
@DisplayName("SecureConfig: a plugin file with another checksum is never started")
class SecureConfigTest {

  private static final String ZEROS = "0".repeat(64);

  @TempDir Path dir;
  private Path script;
  private Path marker;
  private static final Map<String, NetRpcPlugin<?>> GREETER =
      Map.of(Handshakes.GREETER_PLUGIN, new GreeterNetRpcPlugin());
  private PluginClient client;

  /** A "plugin" whose only effect is to leave a marker file: if the marker exists, it ran. */
  @BeforeEach
  void writeScript() throws Exception {
    marker = dir.resolve("it-ran");
    script = dir.resolve("plugin.sh");
    Files.writeString(script, "#!/bin/sh\ntouch '" + marker + "'\nsleep 30\n");
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
  }

  @AfterEach
  void kill() {
    if (client != null) {
      client.kill();
    }
  }

  private PluginClient client(List<String> command, SecureConfig secure) {
    client = new PluginClient(ClientConfig.builder()
        .name(Handshakes.GREETER_PLUGIN)
        .handshake(Handshakes.GREETER)
        .command(command)
        .secureConfig(secure)
        .startTimeout(Duration.ofSeconds(20))
        .plugins(GREETER).autoMtls(false).build());
    return client;
  }

  private static String sha256(Path file) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
  }

  @Test
  @DisplayName("a plugin binary whose SHA-256 differs is refused, the error names the file and both sums, and nothing runs")
  void mismatchIsRefusedBeforeAnythingRuns() throws Exception {
    PluginClient plugin = client(List.of(script.toString()), SecureConfig.sha256(ZEROS));

    assertThatExceptionOfType(PluginChecksumException.class).isThrownBy(plugin::start)
        .satisfies(e -> {
          assertThat(e.problem()).as("problem").isEqualTo(Problem.MISMATCH);
          assertThat(e.file()).as("the file hashed: the command's executable, as go-plugin's cmd.Path").isEqualTo(script);
          assertThat(e.actual()).as("actual sum").isEqualTo(sha256(script));
          assertThat(e.getMessage()).as("message")
              .contains(script.toString(), ZEROS, sha256(script), "was not started");
        });
    assertThat(marker).as("the marker the plugin would have written").doesNotExist();
    assertThat(ProcessHandle.current().children().filter(ProcessHandle::isAlive)).as("child processes").isEmpty();
  }

  @Test
  @DisplayName("the file to hash can be named: for sh -c or a jar the interpreter is not what matters")
  void anotherFileCanBeNamed() throws Exception {
    Path jar = Files.writeString(dir.resolve("plugin.jar"), "not really a jar");
    PluginClient plugin = client(List.of("sh", "-c", script.toString()), SecureConfig.sha256(ZEROS).ofFile(jar));

    assertThatExceptionOfType(PluginChecksumException.class).isThrownBy(plugin::start)
        .satisfies(e -> assertThat(e.file()).as("the file hashed").isEqualTo(jar))
        .satisfies(e -> assertThat(e.actual()).as("actual sum").isEqualTo(sha256(jar)));
    assertThat(marker).as("the marker the plugin would have written").doesNotExist();
  }

  @Test
  @DisplayName("a command without a slash is looked up on PATH, as exec.Command does, and that file is hashed")
  void commandIsLookedUpOnPath() {
    PluginClient plugin = client(List.of("sh", "-c", script.toString()), SecureConfig.sha256(ZEROS));

    assertThatExceptionOfType(PluginChecksumException.class).isThrownBy(plugin::start)
        .satisfies(e -> assertThat(Files.isSameFile(e.file(), Path.of("/bin/sh"))).as(e.file() + " is /bin/sh").isTrue());
    assertThat(marker).as("the marker the plugin would have written").doesNotExist();
  }

  @Test
  @DisplayName("a file that does not exist is a clear error too, not a start attempt")
  void missingFileIsReported() {
    Path missing = dir.resolve("no-such-plugin");
    PluginClient plugin = client(List.of(script.toString()), SecureConfig.sha256(ZEROS).ofFile(missing));

    assertThatExceptionOfType(PluginChecksumException.class).isThrownBy(plugin::start)
        .satisfies(e -> assertThat(e.problem()).as("problem").isEqualTo(Problem.UNREADABLE))
        .withMessageContaining(missing + " does not exist");
    assertThat(marker).as("the marker the plugin would have written").doesNotExist();
  }

  @Test
  @DisplayName("a plugin whose SHA-256 matches starts and works")
  void matchStarts() throws Exception {
    List<String> command = JavaCommand.forMain(GreeterNetRpcPluginMain.class);
    PluginClient plugin = client(command, SecureConfig.sha256(sha256(Path.of(command.get(0))).toUpperCase()));

    assertThat(plugin.dispense("greeter", Greeter.class).greet()).as("greeting").isEqualTo("Hello!");
  }

  @Test
  @DisplayName("a SecureConfig for a client without a command (a plugin served by a launcher) is refused when the config is built")
  void noCommandToCheckIsRefused() {
    ClientConfig.Builder config = ClientConfig.builder()
        .handshake(Handshakes.GREETER)
        .plugins(GREETER)
        .launcher(InJvmPlugin.of((env, stdout, stderr) -> PluginServer.serve(ServeConfig.of(
            Handshakes.GREETER, Map.of(Handshakes.GREETER_PLUGIN, new GreeterNetRpcPlugin(() -> "Hello!"))),
            env, stdout, stderr)))
        .secureConfig(SecureConfig.sha256(ZEROS));

    assertThatIllegalArgumentException().isThrownBy(config::build)
        .withMessageContaining("a SecureConfig checks the file a command runs, and this client has no command");
  }

  @ParameterizedTest(name = "\"{0}\"")
  @DisplayName("a checksum that is not 64 hex digits is refused when the config is built")
  @NullSource
  @ValueSource(strings = {"", "abc", "0000000000000000000000000000000000000000000000000000000000000000ff",
      "zz00000000000000000000000000000000000000000000000000000000000000"})
  void malformedHexIsRefused(String hex) {
    assertThatIllegalArgumentException().isThrownBy(() -> SecureConfig.sha256(hex))
        .withMessageContaining("64 hex digits");
  }
}
