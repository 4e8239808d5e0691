package io.gopluginjava.jsonrpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import com.google.gson.JsonObject;
import io.gopluginjava.testing.SocketPair;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("JsonRpcClient.call")
class JsonRpcClientTest {

  private SocketPair sockets;
  private JsonWire plugin;
  private JsonRpcClient client;

  @BeforeEach
  void connect() throws Exception {
    sockets = new SocketPair();
    plugin = new JsonWire(sockets.plugin(), WireTap.NONE);
    client = new JsonRpcClient(new JsonWire(sockets.host(), WireTap.NONE), "plugin \"test\"", Duration.ofSeconds(5));
  }

  @AfterEach
  void disconnect() throws Exception {
    client.close();
    sockets.close();
  }

  private static JsonObject reply(JsonObject request, String resultJson) {
    return com.google.gson.JsonParser.parseString(
        "{\"id\":" + request.get("id") + ",\"result\":" + resultJson + ",\"error\":null}").getAsJsonObject();
  }

  @Test
  @DisplayName("sends the request Go's jsonrpc client sends and returns the reply's result")
  void sendsWhatGoSends() throws Exception {
    CompletableFuture<String> greeting = CompletableFuture.supplyAsync(() -> client.call("Plugin.Greet", null, String.class));

    JsonObject request = plugin.read();
    assertThat(JsonWire.GSON.toJson(request)).as("the request on the wire")
        .isEqualTo("{\"method\":\"Plugin.Greet\",\"params\":[null],\"id\":0}");
    plugin.write(reply(request, "\"Hello!\""));
    assertThat(greeting.get()).as("the call's result").isEqualTo("Hello!");
  }

  @Test
  @DisplayName("two calls in flight each get their own reply, even when the replies come back in reverse order")
  void matchesRepliesById() throws Exception {
    CompletableFuture<String> first = CompletableFuture.supplyAsync(() -> client.call("Plugin.Echo", "one", String.class));
    JsonObject firstRequest = plugin.read();
    CompletableFuture<String> second = CompletableFuture.supplyAsync(() -> client.call("Plugin.Echo", "two", String.class));
    JsonObject secondRequest = plugin.read();

    plugin.write(reply(secondRequest, "\"reply to two\""));
    plugin.write(reply(firstRequest, "\"reply to one\""));

    assertThat(first.get()).as("first call's result").isEqualTo("reply to one");
    assertThat(second.get()).as("second call's result").isEqualTo("reply to two");
  }

  @Test
  @DisplayName("an error in the reply becomes an RpcException naming the method and the plugin")
  void errorReplyThrows() throws Exception {
    CompletableFuture<String> call = CompletableFuture.supplyAsync(() -> client.call("Plugin.Greet", null, String.class));
    JsonObject request = plugin.read();
    plugin.write(com.google.gson.JsonParser.parseString(
        "{\"id\":" + request.get("id") + ",\"result\":null,\"error\":\"out of greetings\"}").getAsJsonObject());

    assertThat(call).as("the failed call").failsWithin(Duration.ofSeconds(5))
        .withThrowableOfType(java.util.concurrent.ExecutionException.class)
        .havingCause().isInstanceOf(RpcException.class)
        .withMessage("Plugin.Greet failed in plugin \"test\": out of greetings");
  }

  @Test
  @DisplayName("a call with no reply ends at its timeout instead of hanging the host")
  void callTimesOut() {
    assertThatExceptionOfType(RpcException.class)
        .isThrownBy(() -> client.call("Plugin.Greet", null, String.class, Duration.ofMillis(200)))
        .withMessage("Plugin.Greet got no reply from plugin \"test\" within 200 ms");
  }

  @Test
  @DisplayName("a call waiting when the plugin hangs up fails at once with the reason")
  void closedConnectionFailsTheCall() throws Exception {
    CompletableFuture<String> call = CompletableFuture.supplyAsync(() -> client.call("Plugin.Greet", null, String.class));
    plugin.read();
    plugin.close();

    assertThat(call).as("the call cut off").failsWithin(Duration.ofSeconds(5))
        .withThrowableOfType(java.util.concurrent.ExecutionException.class)
        .havingCause().isInstanceOf(RpcException.class)
        .withMessageContaining("the connection to plugin \"test\" closed");
  }
}
