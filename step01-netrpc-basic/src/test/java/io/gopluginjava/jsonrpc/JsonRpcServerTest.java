package io.gopluginjava.jsonrpc;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("JsonRpcServer.dispatch")
class JsonRpcServerTest {

  private static final Map<String, RpcHandler> METHODS = Map.of(
      "Plugin.Greet", param -> new JsonPrimitive("Hello!"),
      "Plugin.Echo", param -> param,
      "Control.Ping", param -> null,
      "Control.Quit", param -> JsonNull.INSTANCE,
      "Plugin.Fail", param -> {
        throw new IllegalStateException("the greeting machine is out of order");
      },
      "Plugin.Crash", param -> {
        throw new NullPointerException();
      });

  private static JsonObject request(String json) {
    return JsonParser.parseString(json).getAsJsonObject();
  }

  private static String dispatch(String json) {
    return JsonWire.GSON.toJson(JsonRpcServer.dispatch(request(json), METHODS));
  }

  @Test
  @DisplayName("calls the method the request names and replies exactly as Go's jsonrpc server would")
  void repliesLikeGo() {
    assertThat(dispatch("{\"method\":\"Plugin.Greet\",\"params\":[null],\"id\":7}"))
        .as("the reply to Plugin.Greet")
        .isEqualTo("{\"id\":7,\"result\":\"Hello!\",\"error\":null}");
  }

  @Test
  @DisplayName("hands the handler the first element of params")
  void passesTheFirstParam() {
    assertThat(dispatch("{\"method\":\"Plugin.Echo\",\"params\":[{\"name\":\"kv\"}],\"id\":1}"))
        .as("the reply to Plugin.Echo")
        .isEqualTo("{\"id\":1,\"result\":{\"name\":\"kv\"},\"error\":null}");
  }

  @Test
  @DisplayName("a method with nothing to return replies {}, because Go's client takes a null result for an error")
  void voidMethodRepliesEmptyObject() {
    assertThat(dispatch("{\"method\":\"Control.Ping\",\"params\":[null],\"id\":5}"))
        .as("the reply to Control.Ping")
        .isEqualTo("{\"id\":5,\"result\":{},\"error\":null}");
  }

  @Test
  @DisplayName("a handler that returns JSON null replies {} too: the plugin's own Control.Quit and Dispenser.Dispense "
      + "do, and Go's client would report a null result as \"invalid error <nil>\"")
  void jsonNullResultRepliesEmptyObject() {
    assertThat(dispatch("{\"method\":\"Control.Quit\",\"params\":[null],\"id\":6}"))
        .as("the reply to Control.Quit, whose handler returns JsonNull.INSTANCE")
        .isEqualTo("{\"id\":6,\"result\":{},\"error\":null}");
  }

  @Test
  @DisplayName("an unknown method is an error reply that lists the methods there are, not a dropped connection")
  void unknownMethodListsTheKnownOnes() {
    JsonObject reply = JsonRpcServer.dispatch(request("{\"method\":\"Plugin.Gret\",\"params\":[null],\"id\":2}"), METHODS);

    assertThat(reply.get("result")).as("result").isEqualTo(JsonNull.INSTANCE);
    assertThat(reply.get("error").getAsString()).as("error")
        .contains("can't find method Plugin.Gret")
        .contains("[Control.Ping, Control.Quit, Plugin.Crash, Plugin.Echo, Plugin.Fail, Plugin.Greet]");
  }

  @Test
  @DisplayName("an exception in the plugin's code becomes the reply's error, and the plugin lives on")
  void handlerFailureBecomesTheError() {
    JsonObject reply = JsonRpcServer.dispatch(request("{\"method\":\"Plugin.Fail\",\"params\":[null],\"id\":3}"), METHODS);

    assertThat(reply.get("id").getAsInt()).as("id").isEqualTo(3);
    assertThat(reply.get("error").getAsString()).as("error").isEqualTo("the greeting machine is out of order");
  }

  @Test
  @DisplayName("an exception without a message still becomes an error that names it: a null error reads as success")
  void failureWithoutAMessageIsStillAnError() {
    JsonObject reply = JsonRpcServer.dispatch(request("{\"method\":\"Plugin.Crash\",\"params\":[null],\"id\":8}"),
        METHODS);

    assertThat(reply.get("error").isJsonNull()).as("whether the reply's error is null").isFalse();
    assertThat(reply.get("error").getAsString()).as("error").contains("NullPointerException");
  }

  @Test
  @DisplayName("a request without a method or a params array gets an error that shows the expected shape")
  void malformedRequest() {
    JsonObject reply = JsonRpcServer.dispatch(request("{\"params\":{},\"id\":4}"), METHODS);

    assertThat(reply.get("error").getAsString()).as("error")
        .contains("expected a request like {\"method\":\"Service.Method\",\"params\":[arg],\"id\":1}");
  }
}
