package io.gopluginjava.step01;

import static org.assertj.core.api.Assertions.assertThat;

import io.gopluginjava.gob.GobType;
import io.gopluginjava.netrpc.NetRpcClient;
import io.gopluginjava.netrpc.NetRpcMethod;
import io.gopluginjava.netrpc.NetRpcServer;
import io.gopluginjava.step01.plugin.GreeterHello;
import io.gopluginjava.step01.shared.Greeter;
import io.gopluginjava.step01.shared.GreeterNetRpcPlugin;
import io.gopluginjava.testing.NetRpcOnSocketPair;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The Greeter's two halves over net/rpc, each against a stand-in for the other on a socket pair. */
@DisplayName("GreeterNetRpcPlugin, plugin side and host side")
class GreeterNetRpcTest {

  @Test
  @DisplayName("the plugin serves Greet, which answers what the real Greeter returns")
  void serverCallsTheImplementation() throws Exception {
    Map<String, NetRpcMethod> served = new GreeterNetRpcPlugin(() -> "Hej!").server(null);
    assertThat(served).as("the methods served").containsOnlyKeys("Greet");
    Map<String, NetRpcMethod> methods = new HashMap<>();
    served.forEach((name, method) -> methods.put("Plugin." + name, method)); // as the plugin's dispenser names them

    try (NetRpcOnSocketPair pair = new NetRpcOnSocketPair(new NetRpcServer(methods))) {
      NetRpcClient rpc = pair.client("the Greeter's server");
      assertThat(pair.read(() -> rpc.call("Plugin.Greet", GobType.INTERFACE, null))).as("Plugin.Greet's reply")
          .isEqualTo("Hej!");
    }
  }

  @Test
  @DisplayName("the host's Greeter turns greet() into Plugin.Greet with a nil interface{} argument, as the blog's"
      + " GreeterRPC does, and returns the reply")
  void clientCallsPluginGreet() throws Exception {
    AtomicReference<Object> argument = new AtomicReference<>("not called");
    NetRpcServer standIn = new NetRpcServer(Map.of("Plugin.Greet", new NetRpcMethod(GobType.STRING, received -> {
      argument.set(received);
      return "Hello!";
    })));
    try (NetRpcOnSocketPair pair = new NetRpcOnSocketPair(standIn)) {
      Greeter greeter = new GreeterNetRpcPlugin().client(null, pair.client("the stand-in plugin"));
      assertThat(pair.read(greeter::greet)).as("greet()").isEqualTo("Hello!");
      assertThat(argument.get()).as("the argument Plugin.Greet received: nil").isNull();
    }
  }

  @Test
  @DisplayName("the blog's GreeterHello says Hello!")
  void greeterHello() {
    assertThat(new GreeterHello().greet()).as("GreeterHello.greet()").isEqualTo("Hello!");
  }
}
