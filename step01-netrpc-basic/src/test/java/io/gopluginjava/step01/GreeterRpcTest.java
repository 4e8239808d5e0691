package io.gopluginjava.step01;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import io.gopluginjava.jsonrpc.JsonRpcClient;
import io.gopluginjava.jsonrpc.JsonWire;
import io.gopluginjava.jsonrpc.WireTap;
import io.gopluginjava.step01.plugin.GreeterHello;
import io.gopluginjava.step01.shared.GreeterRpcClient;
import io.gopluginjava.step01.shared.GreeterRpcServer;
import io.gopluginjava.testing.ScriptedPlugin;
import io.gopluginjava.testing.SocketPair;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("GreeterRpcClient and GreeterRpcServer")
class GreeterRpcTest {

  @Test
  @DisplayName("the plugin's server answers Greet with what the real Greeter returns")
  void serverCallsTheImplementation() throws Exception {
    GreeterRpcServer server = new GreeterRpcServer(() -> "Hej!");

    assertThat(server.methods()).as("the methods served").containsOnlyKeys("Greet");
    assertThat(server.methods().get("Greet").handle(JsonNull.INSTANCE).getAsString()).as("Greet's result")
        .isEqualTo("Hej!");
  }

  @Test
  @DisplayName("the host's Greeter turns greet() into a call of Plugin.Greet and returns its result")
  void clientCallsPluginGreet() throws Exception {
    try (SocketPair sockets = new SocketPair()) {
      ScriptedPlugin plugin = new ScriptedPlugin(sockets.plugin());
      JsonRpcClient rpc = new JsonRpcClient(new JsonWire(sockets.host(), WireTap.NONE), "test", Duration.ofSeconds(5));
      try {
        CompletableFuture<String> greeting = CompletableFuture.supplyAsync(() -> new GreeterRpcClient(rpc).greet());

        JsonObject request = plugin.nextRequestOf(greeting);
        assertThat(request.get("method").getAsString()).as("the method called").isEqualTo("Plugin.Greet");
        plugin.reply(request, "\"Hello!\"");
        assertThat(greeting.get()).as("greet()").isEqualTo("Hello!");
      } finally {
        rpc.close();
      }
    }
  }

  @Test
  @DisplayName("the blog's GreeterHello says Hello!")
  void greeterHello() {
    assertThat(new GreeterHello().greet()).as("GreeterHello.greet()").isEqualTo("Hello!");
  }
}
