package io.gopluginjava.step02;

import static org.assertj.core.api.Assertions.assertThat;

import io.gopluginjava.core.ClientConfig;
import io.gopluginjava.core.Handshake;
import io.gopluginjava.core.Network;
import io.gopluginjava.core.PluginClient;
import io.gopluginjava.core.ServeConfig;
import io.gopluginjava.grpc.HclogOutput;
import io.gopluginjava.grpc.LogEntry;
import io.gopluginjava.step02.plugin.FileKV;
import io.gopluginjava.step02.shared.KV;
import io.gopluginjava.step02.shared.KvGrpcPlugin;
import io.gopluginjava.step02.shared.Plugins;
import io.gopluginjava.testing.InJvmPlugin;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The KV plugin and its host over go-plugin's gRPC protocol: the host's {@link PluginClient} and the plugin's
 * {@code GrpcPluginServer}, the same code a plugin process runs, connected in this JVM by the test harness
 * {@link InJvmPlugin} over a real socket, with real AutoMTLS. What only a process shows is in
 * {@code KvPluginProcessTest}.
 */
@DisplayName("the KV plugin and its host over gRPC")
class KvPluginTest {

  @TempDir Path workDir;
  private PluginClient client;

  /** A host of the KV plugin, which keeps its files in {@code workDir} and is served in this JVM. */
  static ClientConfig.Builder kv(Path workDir) {
    return ClientConfig.builder()
        .handshake(Plugins.HANDSHAKE)
        .plugin(Plugins.KV, new KvGrpcPlugin())
        .launcher(InJvmPlugin.serving(
            ServeConfig.of(Plugins.HANDSHAKE, Map.of(Plugins.KV, new KvGrpcPlugin(new FileKV(workDir))))));
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

  @ParameterizedTest(name = "over {0}, AutoMTLS {1}")
  @DisplayName("put then get round-trips through the Java KV plugin, like go-plugin's example")
  @CsvSource({"unix, true", "unix, false", "tcp, true", "tcp, false"})
  void putThenGet(String network, boolean mtls) throws Exception {
    KV kv = start(kv(workDir).network(Network.parse(network)).autoMtls(mtls)).dispense(Plugins.KV, KV.class);

    kv.put("hello", "world".getBytes(StandardCharsets.UTF_8));

    assertThat(new String(kv.get("hello"), StandardCharsets.UTF_8)).as("get after put")
        .isEqualTo("world\n\nWritten from plugin-java");
    assertThat(Files.readString(workDir.resolve("kv_hello"))).as("the file go-plugin's example writes")
        .isEqualTo("world\n\nWritten from plugin-java");
    assertThat(client.handshake().network()).as("network").isEqualTo(network);
    assertThat(client.handshake().serverCert().isEmpty()).as("certificate field empty").isEqualTo(!mtls);
  }

  @Test
  @DisplayName("kill shuts the plugin down through GRPCController: serve returns 0 (a forced end would be 137), and its socket is gone")
  void killIsGraceful() {
    List<LogEntry> logs = new CopyOnWriteArrayList<>();
    Handshake handshake = start(kv(workDir).output(new HclogOutput((plugin, entry) -> logs.add(entry)))).start();

    client.kill();

    assertThat(client.exitStatus()).as("the status serve returned after GRPCController.Shutdown (what the host heard: %s)",
        logs).hasValue(0);
    assertThat(Files.exists(Path.of(handshake.address()))).as("socket file after kill").isFalse();
  }
}
