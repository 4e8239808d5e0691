package io.gopluginjava.step02;

import static org.assertj.core.api.Assertions.assertThat;

import io.gopluginjava.core.ClientConfig;
import io.gopluginjava.core.PluginClient;
import io.gopluginjava.core.PluginLauncher;
import io.gopluginjava.core.Protocol;
import io.gopluginjava.grpc.GrpcBroker;
import io.gopluginjava.grpc.GrpcPlugin;
import io.gopluginjava.grpc.GrpcServeConfig;
import io.gopluginjava.netrpc.MuxBroker;
import io.gopluginjava.netrpc.NetRpcClient;
import io.gopluginjava.netrpc.NetRpcMethod;
import io.gopluginjava.netrpc.NetRpcPlugin;
import io.gopluginjava.netrpc.NetRpcServeConfig;
import io.gopluginjava.step01.shared.Greeter;
import io.gopluginjava.step01.shared.GreeterNetRpcPlugin;
import io.gopluginjava.step01.shared.Handshakes;
import io.gopluginjava.step02.shared.GreeterGrpcPlugin;
import io.gopluginjava.testing.InJvmGrpcPlugin;
import io.gopluginjava.testing.InJvmPlugin;
import io.grpc.BindableService;
import io.grpc.ManagedChannel;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

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
    public Greeter client(GrpcBroker broker, ManagedChannel channel) {
      return grpc.client(broker, channel);
    }
  }

  private static PluginLauncher pluginSpeaking(Protocol protocol) {
    Map<String, GreeterOnBothWires> served = Map.of(Handshakes.GREETER_PLUGIN, new GreeterOnBothWires());
    return switch (protocol) {
      case NETRPC -> InJvmPlugin.serving(new NetRpcServeConfig(Handshakes.GREETER, Map.copyOf(served)));
      case GRPC -> InJvmGrpcPlugin.serving(new GrpcServeConfig(Handshakes.GREETER, Map.copyOf(served)));
    };
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
}
