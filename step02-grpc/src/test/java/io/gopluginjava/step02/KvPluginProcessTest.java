package io.gopluginjava.step02;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.gopluginjava.core.ClientConfig;
import io.gopluginjava.core.Handshake;
import io.gopluginjava.core.HandshakeException;
import io.gopluginjava.core.HandshakeException.Problem;
import io.gopluginjava.core.JavaCommand;
import io.gopluginjava.core.PluginClient;
import io.gopluginjava.core.PluginStartException;
import io.gopluginjava.core.Protocol;
import io.gopluginjava.grpc.HclogOutput;
import io.gopluginjava.grpc.LogEntry;
import io.gopluginjava.step01.shared.Greeter;
import io.gopluginjava.step02.plugin.GreeterGrpcPluginMain;
import io.gopluginjava.step02.plugin.KvPluginMain;
import io.gopluginjava.step02.shared.GreeterGrpcPlugin;
import io.gopluginjava.step02.shared.KV;
import io.gopluginjava.step02.shared.KvGrpcPlugin;
import io.gopluginjava.step02.shared.Plugins;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The Java KV and Greeter plugins as real processes behind go-plugin's gRPC protocol: what only a process shows (its
 * stderr as hclog, its System.err through GRPCStdio, its exit status, its refusal when run by hand), and the host's
 * refusals of plugins that print a bad handshake (one-line shell scripts). The conversation itself is in
 * {@code KvPluginTest}, with the plugin served in this JVM.
 */
@DisplayName("gRPC plugins in their own processes")
class KvPluginProcessTest {

  @TempDir Path workDir;
  private final List<LogEntry> logs = new CopyOnWriteArrayList<>();
  private PluginClient client;

  private ClientConfig.Builder kv() {
    return ClientConfig.builder()
        .handshake(Plugins.HANDSHAKE)
        .plugin(Plugins.KV, new KvGrpcPlugin())
        .shellCommand(JavaCommand.shellLineIn(workDir, KvPluginMain.class))
        .output(new HclogOutput((plugin, entry) -> logs.add(entry)))
        .startTimeout(Duration.ofSeconds(30));
  }

  private PluginClient start(ClientConfig.Builder config) {
    client = new PluginClient(config.build());
    return client;
  }

  @AfterEach
  void kill() {
    if (client != null) {
      client.kill();
    }
  }

  @Test
  @DisplayName("the host removes the socket of a plugin it had to destroy, which could not remove it itself")
  void socketOfAKilledPluginIsRemoved() {
    start(kv()).dispense(Plugins.KV, KV.class).put("k", new byte[] {1});
    Path socket = Path.of(client.handshake().address());
    ProcessHandle plugin = client.processHandle();
    plugin.destroyForcibly();
    assertThat(plugin.onExit().orTimeout(10, TimeUnit.SECONDS).join().isAlive()).as("SIGKILLed").isFalse();
    assertThat(socket).as("the socket a SIGKILLed plugin leaves").exists();

    client.kill();

    assertThat(socket.getParent()).as("the socket's directory after kill()").doesNotExist();
  }

  @Test
  @DisplayName("a gRPC plugin ignores SIGINT, as go-plugin's do, and still ends with status 0 when the host kills it")
  void sigintIsIgnored() throws Exception {
    KV kv = start(kv()).dispense(Plugins.KV, KV.class);
    kv.put("k", new byte[] {1});
    Process interrupt = new ProcessBuilder("kill", "-INT", Long.toString(client.processHandle().pid())).start();
    assertThat(interrupt.waitFor()).as("kill -INT's status").isZero();

    kv.put("k", new byte[] {2});
    client.kill();
    assertThat(client.exitStatus()).as("exit status after the host's kill").hasValue(0);
  }

  @Test
  @DisplayName("a gRPC plugin ended by SIGTERM removes its own socket on the way out")
  void sigtermRemovesTheSocket() {
    start(kv()).dispense(Plugins.KV, KV.class).put("k", new byte[] {1});
    Path socket = Path.of(client.handshake().address());
    ProcessHandle plugin = client.processHandle();

    plugin.destroy(); // SIGTERM

    assertThat(plugin.onExit().orTimeout(10, TimeUnit.SECONDS).join().isAlive()).as("exited").isFalse();
    assertThat(socket.getParent()).as("the socket's directory, before the host looks").doesNotExist();
  }

  @Test
  @DisplayName("the plugin's hclog lines reach the host as log entries with level, module and fields")
  void hclogLinesArriveStructured() {
    start(kv()).dispense(Plugins.KV, KV.class).put("k", new byte[] {1});
    client.kill();

    assertThat(logs).as("entries from the plugin's stderr")
        .anySatisfy(entry -> {
          assertThat(entry.structured()).isTrue();
          assertThat(entry.level()).isEqualTo(LogEntry.Level.INFO);
          assertThat(entry.module()).isEqualTo("kv");
          assertThat(entry.message()).isEqualTo("put");
          assertThat(entry.fields()).containsEntry("key", "k");
        });
  }

  @Test
  @DisplayName("what the plugin prints after its handshake arrives at the host through GRPCStdio")
  void stdioArrives() {
    ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    start(ClientConfig.builder()
        .handshake(Plugins.HANDSHAKE)
        .plugin(Plugins.GREETER, new GreeterGrpcPlugin())
        .command(JavaCommand.forMain(GreeterGrpcPluginMain.class))
        .output(new HclogOutput((plugin, entry) -> logs.add(entry)))
        .syncStderr(stderr));

    assertThat(client.dispense(Plugins.GREETER, Greeter.class).greet()).as("greeting").isEqualTo("Hello!");
    client.kill();

    assertThat(stderr.toString(StandardCharsets.UTF_8)).as("the plugin's System.err, mirrored (host log: %s)", logs)
        .contains("message from GreeterHello.greet");
  }

  @Test
  @DisplayName("kill shuts the plugin down through GRPCController: status 0, and its socket is gone")
  void killIsGraceful() {
    Handshake handshake = start(kv()).start();

    client.kill();

    assertThat(client.exitStatus()).as("exit status (what the host heard: %s)", logs).hasValue(0);
    assertThat(Files.exists(Path.of(handshake.address()))).as("socket file after kill").isFalse();
  }

  @Test
  @DisplayName("a host that asks for AutoMTLS refuses a plugin that announces no certificate")
  void refusesAPluginWithoutTls() {
    // A plugin that ignores PLUGIN_CLIENT_CERT, like go-plugin's Python example: its line has an empty field 6.
    start(kv().command(List.of("sh", "-c", "echo '1|1|unix|/tmp/x.sock|grpc|'; exec sleep 60")));

    assertThatExceptionOfType(HandshakeException.class)
        .isThrownBy(client::start)
        .satisfies(e -> assertThat(e.problem()).as("problem").isEqualTo(Problem.SERVER_CERT))
        .withMessageContaining("AutoMTLS is on, but the plugin announced no certificate");
  }

  @ParameterizedTest(name = "{0}")
  @DisplayName("step01's handshake errors hold for gRPC plugins too")
  @CsvSource(delimiter = ';', textBlock = """
      a log line;                          echo 'Starting...';                 NOT_A_HANDSHAKE
      a netrpc plugin for a gRPC-only host; echo '1|1|unix|/tmp/x.sock|netrpc|'; PROTOCOL
      a certificate field that is not one; echo '1|1|unix|/tmp/x.sock|grpc|%s'; SERVER_CERT
      """)
  void badHandshakes(String what, String print, Problem problem) {
    String line = print.replace("%s", "not-a-certificate-".repeat(4));
    start(kv().allowedProtocols(Protocol.GRPC).command(List.of("sh", "-c", line + "; exec sleep 60")));

    assertThatExceptionOfType(HandshakeException.class).as(what)
        .isThrownBy(client::start)
        .satisfies(e -> assertThat(e.problem()).as("problem").isEqualTo(problem));
  }

  @Test
  @DisplayName("a plugin that dies before its handshake is reported with its exit status and last stderr lines")
  void pluginDiesBeforeHandshake() {
    start(kv().command(List.of("sh", "-c", "echo 'cannot open kv store' >&2; exit 7")));

    assertThatExceptionOfType(PluginStartException.class)
        .isThrownBy(client::start)
        .withMessageContaining("exited with status 7 before printing its handshake line")
        .withMessageContaining("cannot open kv store");
  }

  @Test
  @DisplayName("run by hand, the KV plugin prints go-plugin's message and exits with status 1")
  void refusesToRunWithoutTheCookie() throws Exception {
    ProcessBuilder builder = new ProcessBuilder(JavaCommand.forMain(KvPluginMain.class)).directory(new File("."));
    builder.environment().remove("BASIC_PLUGIN");
    Process process = builder.start();
    try {
      String stderr = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("exits by itself").isTrue();
      assertThat(process.exitValue()).as("exit status (stderr: %s)", stderr).isEqualTo(1);
      assertThat(stderr).as("stderr").startsWith("This binary is a plugin. These are not meant to be executed directly.");
    } finally {
      process.destroyForcibly().waitFor();
    }
  }
}
