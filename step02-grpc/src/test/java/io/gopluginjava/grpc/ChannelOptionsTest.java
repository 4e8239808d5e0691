package io.gopluginjava.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import io.gopluginjava.core.ClientConfig;
import io.gopluginjava.core.PluginClient;
import io.gopluginjava.step02.shared.KvGrpcPlugin;
import io.gopluginjava.step02.shared.Plugins;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.protobuf.services.HealthStatusManager;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** go-plugin's {@code GRPCDialOptions}: what a host adds to the plugin's channel, interceptors and builder options. */
@DisplayName("the host's own options for the plugin's channel")
class ChannelOptionsTest {

  private static final Metadata.Key<String> USER_AGENT = Metadata.Key.of("user-agent", Metadata.ASCII_STRING_MARSHALLER);

  @TempDir Path dir;
  private final List<String> calledByHost = new CopyOnWriteArrayList<>();
  private final List<String> userAgents = new CopyOnWriteArrayList<>();
  private PluginClient client;

  @AfterEach
  void kill() {
    if (client != null) {
      client.kill();
    }
  }

  /** A plugin whose health service records the user agent of each call; with go-plugin's controller. */
  private ClientConfig.Builder host() {
    HealthStatusManager health = new HealthStatusManager();
    health.setStatus(GrpcPluginServer.HEALTH_SERVICE, ServingStatus.SERVING);
    ServerInterceptor recordUserAgent = new ServerInterceptor() {
      @Override
      public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
          ServerCallHandler<Q, R> next) {
        userAgents.add(headers.get(USER_AGENT));
        return next.startCall(call, headers);
      }
    };
    BareGrpcPlugin plugin = new BareGrpcPlugin(dir.resolve("plugin.sock"));
    plugin.serving(ServerInterceptors.intercept(health.getHealthService(), recordUserAgent))
        .serving(new ControllerService(() -> plugin.exit(0)))
        .serving(new StdioService(new StdioCapture()));
    return ClientConfig.builder()
        .handshake(Plugins.HANDSHAKE)
        .plugin(Plugins.KV, new KvGrpcPlugin())
        .autoMtls(false)
        .launcher(plugin.launcher());
  }

  @Test
  @DisplayName("an interceptor in the config sees the host's calls on the plugin's channel")
  void interceptorSeesCalls() {
    ClientInterceptor record = new ClientInterceptor() {
      @Override
      public <Q, R> ClientCall<Q, R> interceptCall(MethodDescriptor<Q, R> method, CallOptions options, Channel next) {
        calledByHost.add(method.getFullMethodName());
        return next.newCall(method, options);
      }
    };
    client = new PluginClient(host().wireOptions(GrpcDialOptions.intercept(record))
.build());

    client.ping();

    assertThat(calledByHost).as("the calls the interceptor saw").contains("grpc.health.v1.Health/Check");
  }

  @Test
  @DisplayName("channel options reach the channel's builder: a user agent of the host's own arrives at the plugin")
  void channelOptionsApply() {
    client = new PluginClient(host()
        .wireOptions(GrpcDialOptions.channelOptions(builder -> builder.userAgent("kv-host/1.0"))).build());

    client.ping();

    assertThat(userAgents).as("the user agent of the health check the plugin served").singleElement()
        .asString().startsWith("kv-host/1.0");
  }
}
