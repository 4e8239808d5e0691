package io.gopluginjava.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.gopluginjava.core.ClientConfig;
import io.gopluginjava.core.Network;
import io.gopluginjava.core.PluginClient;
import io.gopluginjava.core.PluginException;
import io.gopluginjava.core.Protocol;
import io.gopluginjava.core.ReattachConfig;
import io.gopluginjava.core.ServeConfig;
import io.gopluginjava.step02.plugin.FileKV;
import io.gopluginjava.step02.shared.KV;
import io.gopluginjava.step02.shared.KvGrpcPlugin;
import io.gopluginjava.step02.shared.Plugins;
import io.gopluginjava.testing.InJvmPlugin;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Handshake field 7 and {@code PLUGIN_MULTIPLEX_GRPC}, as go-plugin's {@code server.go} and {@code client.go} read
 * them: the plugin announces it can multiplex whenever the variable is set, multiplexes only when it reads true, and a
 * host that asked refuses a plugin that does not announce it.
 */
@DisplayName("gRPC broker multiplexing in the handshake")
class MultiplexHandshakeTest {

  @TempDir Path dir;

  @Test
  @DisplayName("a host that asks for multiplexing refuses a plugin whose handshake line has no |true"
      + " (go-plugin's ErrGRPCBrokerMuxNotSupported)")
  void hostRefusesAPluginThatCannotMultiplex() {
    BareGrpcPlugin plugin = new BareGrpcPlugin(dir.resolve("plugin.sock"));
    PluginClient client = new PluginClient(ClientConfig.builder()
        .handshake(Plugins.HANDSHAKE)
        .plugin(Plugins.KV, new KvGrpcPlugin())
        .launcher(plugin.launcher())
        .autoMtls(false)
        .multiplex(true)
        .build());
    try {
      assertThatExceptionOfType(PluginException.class).isThrownBy(client::start)
          .withMessageContaining("cannot multiplex its gRPC broker")
          .withMessageContaining("ErrGRPCBrokerMuxNotSupported")
          .withMessageContaining("turn multiplex off");
    } finally {
      plugin.exit(0);
      client.kill();
    }
  }

  @Test
  @DisplayName("PLUGIN_MULTIPLEX_GRPC=false: the Java plugin still says |true, as go-plugin's does, and serves a host"
      + " that does not multiplex")
  void setButFalseAnnouncesWithoutMultiplexing() {
    try (PluginClient client = new PluginClient(ClientConfig.builder()
        .handshake(Plugins.HANDSHAKE)
        .plugin(Plugins.KV, new KvGrpcPlugin())
        .launcher(InJvmPlugin.serving(
            ServeConfig.of(Plugins.HANDSHAKE, Map.of(Plugins.KV, new KvGrpcPlugin(new FileKV(dir))))))
        .env(GrpcPluginServer.MULTIPLEX_ENV, "false")
        .build())) {
      KV kv = client.dispense(Plugins.KV, KV.class);
      kv.put("k", "v".getBytes(StandardCharsets.UTF_8));

      assertThat(client.handshake().multiplex()).as("field 7 of the plugin's line").isTrue();
      assertThat(new String(kv.get("k"), StandardCharsets.UTF_8)).as("get over the plain connection")
          .startsWith("v");
    }
  }

  @Test
  @DisplayName("multiplexing and reattach do not go together, as go-plugin says")
  void notWithReattach() {
    assertThatExceptionOfType(IllegalArgumentException.class).isThrownBy(() -> ClientConfig.builder()
        .handshake(Plugins.HANDSHAKE)
        .plugin(Plugins.KV, new KvGrpcPlugin())
        .reattach(new ReattachConfig(Protocol.GRPC, 1, Network.UNIX, dir.resolve("plugin.sock").toString(), 1, false))
        .multiplex(true)
        .build())
        .withMessageContaining("gRPC broker multiplexing");
  }

  @ParameterizedTest(name = "\"{0}\"")
  @ValueSource(strings = {"1", "t", "T", "TRUE", "true", "True"})
  @DisplayName("the plugin multiplexes for every spelling of true that Go's strconv.ParseBool reads")
  void goTrue(String value) {
    assertThat(GrpcPluginServer.goBool(value)).as("PLUGIN_MULTIPLEX_GRPC=%s", value).isTrue();
  }

  @ParameterizedTest(name = "\"{0}\"")
  @ValueSource(strings = {"", "0", "false", "yes", "tRUE"})
  @DisplayName("and for nothing else")
  void notGoTrue(String value) {
    assertThat(GrpcPluginServer.goBool(value)).as("PLUGIN_MULTIPLEX_GRPC=%s", value).isFalse();
  }
}
