package io.gopluginjava.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.gopluginjava.core.ClientConfig;
import io.gopluginjava.core.PluginClient;
import io.gopluginjava.core.PluginException;
import io.gopluginjava.core.ServeConfig;
import io.gopluginjava.step02.plugin.FileKV;
import io.gopluginjava.step02.shared.KvGrpcPlugin;
import io.gopluginjava.step02.shared.Plugins;
import io.gopluginjava.testing.InJvmPlugin;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.protobuf.services.HealthStatusManager;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * go-plugin's health semantics: its host never checks health on its own, only when the application pings
 * ({@code GRPCClient.Ping}); ours checks at start only when the config asks.
 */
@DisplayName("health checks by the host")
class HealthCheckTest {

  @TempDir Path dir;
  private PluginClient client;

  @AfterEach
  void kill() {
    if (client != null) {
      client.kill();
    }
  }

  /**
   * A plugin written without go-plugin's library, as plugins in other languages often are: it reports health for its
   * own service, {@code "kv"}, not for {@code "plugin"}; it serves go-plugin's controller, so that kill is graceful.
   */
  private ClientConfig.Builder ownHealthOnly() {
    HealthStatusManager health = new HealthStatusManager();
    health.setStatus("kv", ServingStatus.SERVING);
    BareGrpcPlugin plugin = new BareGrpcPlugin(dir.resolve("own-health.sock"));
    plugin.serving(health.getHealthService()).serving(new ControllerService(() -> plugin.exit(0)))
        .serving(new StdioService(new StdioCapture()));
    return ClientConfig.builder()
        .handshake(Plugins.HANDSHAKE)
        .plugin(Plugins.KV, new KvGrpcPlugin())
        .autoMtls(false)
        .launcher(plugin.launcher());
  }

  @Test
  @DisplayName("a plugin with no health for \"plugin\" starts and serves, as under go-plugin's host; ping() tells")
  void startNeedsNoHealthCheck() {
    client = new PluginClient(ownHealthOnly().build());

    client.start();
    ServingStatus own = HealthGrpc.newBlockingStub(GrpcClientProtocol.channelOf(client)).withDeadlineAfter(10, TimeUnit.SECONDS)
        .check(HealthCheckRequest.newBuilder().setService("kv").build()).getStatus();

    assertThat(own).as("a call to the plugin's own service after start()").isEqualTo(ServingStatus.SERVING);
    assertThatExceptionOfType(PluginException.class).as("ping() on a plugin without \"plugin\" health")
        .isThrownBy(client::ping)
        .withMessageContaining("health check on service \"plugin\"")
        .withMessageContaining("NOT_FOUND");
  }

  @Test
  @DisplayName("with pingOnStart the same plugin is refused at start and ended, instead of at its first call")
  void pingOnStartRefusesAtStart() {
    client = new PluginClient(ownHealthOnly().pingOnStart(true).build());

    assertThatExceptionOfType(PluginException.class).as("start() with pingOnStart")
        .isThrownBy(client::start)
        .withMessageContaining("health check on service \"plugin\"");
    assertThat(client.exitStatus()).as("the plugin, after its refused start").isPresent();
  }

  @Test
  @DisplayName("ping() passes on a plugin served by GrpcPluginServer, which reports \"plugin\" as SERVING")
  void pingPassesOnGoPluginHealth() {
    client = new PluginClient(ClientConfig.builder()
        .handshake(Plugins.HANDSHAKE)
        .plugin(Plugins.KV, new KvGrpcPlugin())
        .launcher(InJvmPlugin.serving(
            ServeConfig.of(Plugins.HANDSHAKE, Map.of(Plugins.KV, new KvGrpcPlugin(new FileKV(dir))))))
        .build());

    assertThatCode(client::ping).as("ping() on a plugin with go-plugin's health").doesNotThrowAnyException();
  }
}
