package io.gopluginjava.netrpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.gopluginjava.core.ClientConfig;
import io.gopluginjava.core.UnknownPluginException;
import io.gopluginjava.step01.plugin.GreeterHello;
import io.gopluginjava.step01.shared.Greeter;
import io.gopluginjava.step01.shared.GreeterNetRpcPlugin;
import io.gopluginjava.step01.shared.Handshakes;
import io.gopluginjava.testing.CollectingOutput;
import io.gopluginjava.testing.InJvmPlugin;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The Java netrpc host against the Java netrpc plugin, served in this JVM by the test harness but reached as a process
 * is: handshake line, Unix socket, one yamux session, control stream, broker stream.
 */
@DisplayName("netrpc: Java host and Java plugin")
class NetRpcPluginTest {

  private final CollectingOutput output = new CollectingOutput();

  private NetRpcPluginClient client() {
    return new NetRpcPluginClient(ClientConfig.builder()
        .name("greeter")
        .handshake(Handshakes.GREETER)
        .output(output)
        .launcher(InJvmPlugin.of((env, stdout, stderr) -> NetRpcPluginServer.serve(new NetRpcServeConfig(
            Handshakes.GREETER,
            Map.of(Handshakes.GREETER_PLUGIN, new GreeterNetRpcPlugin(new GreeterHello()))), env, stdout, stderr)))
        .build(),
        Map.of(Handshakes.GREETER_PLUGIN, new GreeterNetRpcPlugin()));
  }

  @Test
  @DisplayName("the plugin announces netrpc, the host dispenses the greeter through a broker id, and greet() is Hello!")
  void greets() {
    try (NetRpcPluginClient client = client()) {
      assertThat(client.start().protocol()).as("the protocol in the handshake line").isEqualTo("netrpc");
      Greeter greeter = client.dispense(Handshakes.GREETER_PLUGIN, Greeter.class);
      assertThat(greeter.greet()).as("the greeting over net/rpc + gob + yamux").isEqualTo("Hello!");
      assertThat(greeter.greet()).as("a second call on the same stream").isEqualTo("Hello!");
      client.ping();
    }
  }

  @Test
  @DisplayName("Control.Quit ends the plugin with exit status 0")
  void quits() {
    NetRpcPluginClient client = client();
    client.start();
    client.kill();
    assertThat(client.exitStatus()).as("the plugin's exit status after Control.Quit").hasValue(0);
  }

  @Test
  @DisplayName("a name the plugin does not serve comes back as net/rpc's error, naming what it serves")
  void unknownOnThePluginSide() {
    NetRpcPluginClient client = new NetRpcPluginClient(ClientConfig.builder()
        .name("greeter").handshake(Handshakes.GREETER).output(output)
        .launcher(InJvmPlugin.of((env, stdout, stderr) -> NetRpcPluginServer.serve(new NetRpcServeConfig(
            Handshakes.GREETER, Map.of()), env, stdout, stderr)))
        .build(), Map.of(Handshakes.GREETER_PLUGIN, new GreeterNetRpcPlugin()));
    try (client) {
      assertThatExceptionOfType(NetRpcException.class)
          .isThrownBy(() -> client.dispense(Handshakes.GREETER_PLUGIN))
          .withMessageContaining("Dispenser.Dispense with an error: unknown plugin \"greeter\"; this plugin serves []");
    }
  }

  @Test
  @DisplayName("a name the host does not know is refused before anything is sent")
  void unknownOnTheHostSide() {
    try (NetRpcPluginClient client = client()) {
      assertThatExceptionOfType(UnknownPluginException.class).isThrownBy(() -> client.dispense("kv"))
          .withMessageContaining("this host knows [greeter]");
    }
  }
}
