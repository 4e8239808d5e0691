package io.gopluginjava.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.gopluginjava.core.ClientConfig;
import io.gopluginjava.core.PluginClient;
import io.gopluginjava.core.PluginServer;
import io.gopluginjava.core.ProtocolVersions;
import io.gopluginjava.core.ServeConfig;
import io.gopluginjava.core.UnixSocketDir;
import io.gopluginjava.step02.plugin.FileKV;
import io.gopluginjava.step02.shared.KV;
import io.gopluginjava.step02.shared.KvGrpcClient;
import io.gopluginjava.step02.shared.KvGrpcPlugin;
import io.gopluginjava.step02.shared.Plugins;
import io.gopluginjava.testing.InJvmPlugin;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A host that only uses a plugin declares it with a client alone, as go-plugin's host of a plugin in another language. */
@DisplayName("a plugin declared for the host only")
class HostOnlyPluginTest {

  @TempDir Path dir;

  private static final GrpcPlugin<KV> HOST_ONLY_KV = (broker, channel) -> new KvGrpcClient(channel);

  @Test
  @DisplayName("is a lambda for the client, and the host dispenses and calls it")
  void hostDispensesIt() {
    try (PluginClient client = new PluginClient(ClientConfig.builder()
        .handshake(Plugins.HANDSHAKE)
        .plugin(Plugins.KV, HOST_ONLY_KV)
        .launcher(InJvmPlugin.serving(
            ServeConfig.of(Plugins.HANDSHAKE, Map.of(Plugins.KV, new KvGrpcPlugin(new FileKV(dir))))))
        .build())) {
      KV kv = client.dispense(Plugins.KV, KV.class);

      kv.put("k", "v".getBytes(StandardCharsets.UTF_8));

      assertThat(new String(kv.get("k"), StandardCharsets.UTF_8)).as("get after put through the host-only client")
          .isEqualTo("v\n\nWritten from plugin-java");
    }
  }

  @Test
  @DisplayName("cannot be served: serve fails at once, saying what to implement, and prints no handshake")
  void servingItFails() {
    ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    Map<String, String> env = Map.of(Plugins.HANDSHAKE.magicCookieKey(), Plugins.HANDSHAKE.magicCookieValue(),
        ProtocolVersions.ENV, "1", UnixSocketDir.DIR_ENV, dir.toString());

    assertThatExceptionOfType(UnsupportedOperationException.class)
        .isThrownBy(() -> PluginServer.serve(ServeConfig.of(Plugins.HANDSHAKE, Map.of(Plugins.KV, HOST_ONLY_KV)),
            env, new PrintStream(stdout, true), new PrintStream(new ByteArrayOutputStream(), true)))
        .withMessageContaining("declared for the host only")
        .withMessageContaining("GrpcPlugin.server(GrpcBroker)");
    assertThat(stdout.toString(StandardCharsets.UTF_8)).as("the handshake line").isEmpty();
    assertThat(dir).as("where the socket would have been").isEmptyDirectory();
  }
}
