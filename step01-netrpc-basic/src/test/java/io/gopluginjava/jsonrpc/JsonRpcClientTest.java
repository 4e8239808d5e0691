package io.gopluginjava.jsonrpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import com.google.gson.JsonObject;
import io.gopluginjava.testing.ScriptedPlugin;
import io.gopluginjava.testing.SocketPair;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("JsonRpcClient.call")
class JsonRpcClientTest {

  private SocketPair sockets;
  private ScriptedPlugin plugin;
  private JsonRpcClient client;

  @BeforeEach
  void connect() throws Exception {
    sockets = new SocketPair();
    plugin = new ScriptedPlugin(sockets.plugin());
    client = new JsonRpcClient(new JsonWire(sockets.host(), WireTap.NONE), "plugin \"test\"", Duration.ofSeconds(5));
  }

  @AfterEach
  void disconnect() throws Exception {
    client.close();
    sockets.close();
  }

  private CompletableFuture<String> callAsync(String method, Object argument) {
    return CompletableFuture.supplyAsync(() -> client.call(method, argument, String.class));
  }

  @Test
  @DisplayName("sends the request Go's jsonrpc client sends and returns the reply's result")
  void sendsWhatGoSends() throws Exception {
    CompletableFuture<String> greeting = callAsync("Plugin.Greet", null);

    JsonObject request = plugin.nextRequestOf(greeting);
    assertThat(JsonWire.GSON.toJson(request)).as("the request on the wire")
        .isEqualTo("{\"method\":\"Plugin.Greet\",\"params\":[null],\"id\":0}");
    plugin.reply(request, "\"Hello!\"");
    assertThat(greeting.get()).as("the call's result").isEqualTo("Hello!");
  }

  @Test
  @DisplayName("two calls in flight each get their own reply, even when the replies come back in reverse order")
  void matchesRepliesById() throws Exception {
    CompletableFuture<String> first = callAsync("Plugin.Echo", "one");
    JsonObject firstRequest = plugin.nextRequestOf(first);
    CompletableFuture<String> second = callAsync("Plugin.Echo", "two");
    JsonObject secondRequest = plugin.nextRequestOf(second);

    plugin.reply(secondRequest, "\"reply to two\"");
    plugin.reply(firstRequest, "\"reply to one\"");

    assertThat(first.get()).as("first call's result").isEqualTo("reply to one");
    assertThat(second.get()).as("second call's result").isEqualTo("reply to two");
  }

  @Test
  @DisplayName("a call with nothing to return (Void) gives null for the {} result a plugin sends, as to Control.Quit "
      + "and Dispenser.Dispense; Gson cannot make a Void out of {}")
  void voidResultIsNull() throws Exception {
    CompletableFuture<Void> quit = CompletableFuture.supplyAsync(() -> client.call("Control.Quit", null, Void.class));

    plugin.reply(plugin.nextRequestOf(quit), "{}");
    assertThat(quit.get()).as("the result of a call with result type Void").isNull();
  }

  @Test
  @DisplayName("an error in the reply becomes an RpcException naming the method and the plugin")
  void errorReplyThrows() throws Exception {
    CompletableFuture<String> call = callAsync("Plugin.Greet", null);
    plugin.replyError(plugin.nextRequestOf(call), "out of greetings");

    assertThat(call).as("the failed call").failsWithin(Duration.ofSeconds(5))
        .withThrowableOfType(ExecutionException.class)
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
    CompletableFuture<String> call = callAsync("Plugin.Greet", null);
    plugin.nextRequestOf(call);
    plugin.close();

    assertThat(call).as("the call cut off").failsWithin(Duration.ofSeconds(5))
        .withThrowableOfType(ExecutionException.class)
        .havingCause().isInstanceOf(RpcException.class)
        .withMessageContaining("the connection to plugin \"test\" closed");
  }
}
