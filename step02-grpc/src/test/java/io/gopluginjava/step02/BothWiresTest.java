package io.gopluginjava.step02;

import static org.assertj.core.api.Assertions.assertThat;

import io.gopluginjava.core.ClientConfig;
import io.gopluginjava.core.PluginClient;
import io.gopluginjava.core.PluginLauncher;
import io.gopluginjava.core.Protocol;
import io.gopluginjava.core.ServeConfig;
import io.gopluginjava.grpc.GrpcBroker;
import io.gopluginjava.grpc.GrpcPlugin;
import io.gopluginjava.netrpc.MuxBroker;
import io.gopluginjava.netrpc.NetRpcClient;
import io.gopluginjava.netrpc.NetRpcMethod;
import io.gopluginjava.netrpc.NetRpcPlugin;
import io.gopluginjava.step01.shared.Greeter;
import io.gopluginjava.step01.shared.GreeterNetRpcPlugin;
import io.gopluginjava.step01.shared.Handshakes;
import io.gopluginjava.step02.shared.GreeterGrpcPlugin;
import io.gopluginjava.testing.InJvmPlugin;
import io.grpc.BindableService;
import io.grpc.Channel;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * One host config, one client, either wire: the plugin chooses its protocol in its handshake line, and the host
 * dispenses through the same declaration, as a Go host does with a plugin that implements both {@code Plugin} and
 * {@code GRPCPlugin}.
 */
@DisplayName("one PluginClient hosts a netrpc plugin and a gRPC plugin with the same config")
class BothWiresTest {

  private static final Greeter HELLO = () -> "Hello from whichever wire!";

  /** A Greeter declared for both wires, as a Go plugin may implement both interfaces. */
  private static final class GreeterOnBothWires implements NetRpcPlugin<Greeter>, GrpcPlugin<Greeter> {
    private final GreeterNetRpcPlugin netrpc = new GreeterNetRpcPlugin(HELLO);
    private final GreeterGrpcPlugin grpc = new GreeterGrpcPlugin(HELLO);

    @Override
    public Map<String, NetRpcMethod> server(MuxBroker broker) {
      return netrpc.server(broker);
    }

    @Override
    public Greeter client(MuxBroker broker, NetRpcClient rpc) {
      return netrpc.client(broker, rpc);
    }

    @Override
    public BindableService server(GrpcBroker broker) {
      return grpc.server(broker);
    }

    @Override
    public Greeter client(GrpcBroker broker, Channel channel) {
      return grpc.client(broker, channel);
    }
  }

  /** The plugin, in this JVM, allowed to serve on {@code protocol} only: a declaration of both wires is served on it. */
  private static PluginLauncher pluginSpeaking(Protocol protocol) {
    return InJvmPlugin.serving(ServeConfig.builder()
        .handshake(Handshakes.GREETER)
        .plugin(Handshakes.GREETER_PLUGIN, new GreeterOnBothWires())
        .protocols(protocol)
        .build());
  }

  @ParameterizedTest(name = "a plugin speaking {0}")
  @EnumSource(Protocol.class)
  @DisplayName("the same ClientConfig and dispense greet over the wire the plugin chose, with AutoMTLS")
  void sameConfigEitherWire(Protocol protocol) {
    ClientConfig config = ClientConfig.builder()
        .handshake(Handshakes.GREETER)
        .plugin(Handshakes.GREETER_PLUGIN, new GreeterOnBothWires())
        .launcher(pluginSpeaking(protocol))
        .build();

    try (PluginClient client = new PluginClient(config)) {
      String greeting = client.dispense(Handshakes.GREETER_PLUGIN, Greeter.class).greet();
      client.ping();

      assertThat(client.protocol()).as("the protocol the plugin chose").isEqualTo(protocol);
      assertThat(client.handshake().protocol()).as("field 5 of its handshake line").isEqualTo(protocol.wireName());
      assertThat(greeting).as("the greeting over %s", protocol).isEqualTo(HELLO.greet());
      client.kill();
      assertThat(client.exitStatus()).as("the status serve returned after the wire's own quit").hasValue(0);
    }
  }

  @ParameterizedTest(name = "a host offering version {0}")
  @ValueSource(ints = {1, 2})
  @DisplayName("a plugin with a netrpc set for version 1 and a gRPC set for version 2 serves the set of the version it"
      + " negotiated, on that set's wire, as go-plugin's server.go chooses")
  void pluginSetsPerVersionChooseTheWire(int hostVersion) {
    ServeConfig plugin = ServeConfig.builder()
        .handshake(Handshakes.GREETER)
        .versionedPlugins(1, Map.of(Handshakes.GREETER_PLUGIN, new GreeterNetRpcPlugin(HELLO)))
        .versionedPlugins(2, Map.of(Handshakes.GREETER_PLUGIN, new GreeterGrpcPlugin(HELLO)))
        .build();
    ClientConfig config = ClientConfig.builder()
        .handshake(Handshakes.GREETER)
        .versionedPlugins(hostVersion, Map.of(Handshakes.GREETER_PLUGIN, new GreeterOnBothWires()))
        .launcher(InJvmPlugin.serving(plugin))
        .build();

    try (PluginClient client = new PluginClient(config)) {
      String greeting = client.dispense(Handshakes.GREETER_PLUGIN, Greeter.class).greet();

      assertThat(client.negotiatedVersion()).as("the version negotiated").isEqualTo(hostVersion);
      assertThat(client.protocol()).as("the wire of version %s's set", hostVersion)
          .isEqualTo(hostVersion == 1 ? Protocol.NETRPC : Protocol.GRPC);
      assertThat(greeting).as("the greeting").isEqualTo(HELLO.greet());
    }
  }
}
