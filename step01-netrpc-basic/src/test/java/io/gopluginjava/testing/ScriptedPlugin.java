package io.gopluginjava.testing;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.gopluginjava.jsonrpc.JsonWire;
import io.gopluginjava.jsonrpc.WireTap;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.SocketChannel;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

/**
 * The plugin's end of a socket, played by the test: it reads the host's requests and writes the replies the test
 * chooses. Waiting for a request also watches the call that should send it, so a call that fails early fails the
 * test at once with its own reason instead of leaving it waiting.
 */
public final class ScriptedPlugin {

  private final JsonWire wire;

  public ScriptedPlugin(SocketChannel channel) {
    this.wire = new JsonWire(channel, WireTap.NONE);
  }

  /** The next request, sent by {@code call}; the call's own failure if it fails before sending one. */
  public JsonObject nextRequestOf(CompletableFuture<?> call) throws Exception {
    CompletableFuture<JsonObject> request = CompletableFuture.supplyAsync(() -> {
      try {
        return wire.read();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
    CompletableFuture.anyOf(request, call).get(10, TimeUnit.SECONDS);
    if (!request.isDone() && call.isCompletedExceptionally()) {
      try {
        call.join();
      } catch (CompletionException e) {
        wire.close(); // ends the read above
        throw new AssertionError("the call failed before it sent its request: " + e.getCause(), e.getCause());
      }
    }
    return request.get(10, TimeUnit.SECONDS);
  }

  /** Replies to {@code request} with a result given as JSON text. */
  public void reply(JsonObject request, String resultJson) throws IOException {
    wire.write(JsonParser.parseString("{\"id\":" + request.get("id") + ",\"result\":" + resultJson + ",\"error\":null}")
        .getAsJsonObject());
  }

  /** Replies to {@code request} with an error. */
  public void replyError(JsonObject request, String error) throws IOException {
    JsonObject reply = new JsonObject();
    reply.add("id", request.get("id"));
    reply.add("result", com.google.gson.JsonNull.INSTANCE);
    reply.addProperty("error", error);
    wire.write(reply);
  }

  public void close() throws IOException {
    wire.close();
  }
}
