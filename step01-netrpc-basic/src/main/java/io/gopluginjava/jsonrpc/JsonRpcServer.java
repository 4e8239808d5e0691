package io.gopluginjava.jsonrpc;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Serves one connection the way Go's {@code net/rpc} server does with the {@code jsonrpc} codec: each request
 * {@code {"method":"Service.Method","params":[arg],"id":N}} runs on its own thread and gets one reply
 * {@code {"id":N,"result":R,"error":null}}, in whatever order the calls finish. A method with nothing to return
 * replies {@code {}}, as a Go method with a {@code *struct{}} reply does: Go's client reads a null result as an error.
 */
public final class JsonRpcServer {

  private static final AtomicInteger CONNECTIONS = new AtomicInteger();

  private final JsonWire wire;
  private final Map<String, RpcHandler> methods;
  private final ExecutorService calls;

  /** {@code methods} is read on every call, so a connection may add methods while it runs (as Dispense does). */
  public JsonRpcServer(JsonWire wire, Map<String, RpcHandler> methods) {
    this.wire = wire;
    this.methods = methods;
    int connection = CONNECTIONS.incrementAndGet();
    AtomicInteger callThreads = new AtomicInteger();
    this.calls = Executors.newCachedThreadPool(
        task -> new Thread(task, "goplugin-rpc-call-" + connection + "-" + callThreads.incrementAndGet()));
  }

  /** Reads and answers requests until the peer closes the connection. */
  public void serve() throws IOException {
    try {
      JsonObject request;
      while ((request = wire.read()) != null) {
        JsonObject call = request;
        calls.execute(() -> reply(call));
      }
    } finally {
      finishCalls();
    }
  }

  /** Lets calls already running send their replies (such as Control.Quit's), then closes the connection. */
  public void finishCalls() throws IOException {
    calls.shutdown();
    try {
      calls.awaitTermination(2, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    wire.close();
  }

  private void reply(JsonObject request) {
    JsonObject reply;
    try {
      reply = dispatch(request, methods);
    } catch (RuntimeException e) {
      // A fault in the server itself still gets an answer: a caller must never wait for a reply that will not come.
      reply = reply(request.has("id") ? request.get("id") : JsonNull.INSTANCE, JsonNull.INSTANCE, String.valueOf(e));
    }
    try {
      wire.write(reply);
    } catch (IOException e) {
      // The host hung up before the reply: nobody is left to tell.
    }
  }

  /** Finds the handler named by the request's method, calls it with the first param, and builds the reply. */
  public static JsonObject dispatch(JsonObject request, Map<String, RpcHandler> methods) {
    JsonElement id = request.has("id") ? request.get("id") : JsonNull.INSTANCE;
    JsonElement method = request.get("method");
    JsonElement params = request.get("params");
    if (method == null || !method.isJsonPrimitive() || params == null || !params.isJsonArray()) {
      return reply(id, JsonNull.INSTANCE,
          "rpc: expected a request like {\"method\":\"Service.Method\",\"params\":[arg],\"id\":1}, got " + request);
    }
    RpcHandler handler = methods.get(method.getAsString());
    if (handler == null) {
      return reply(id, JsonNull.INSTANCE,
          "rpc: can't find method " + method.getAsString() + "; this connection serves " + new TreeSet<>(methods.keySet()));
    }
    JsonArray args = params.getAsJsonArray();
    try {
      JsonElement result = handler.handle(args.isEmpty() ? JsonNull.INSTANCE : args.get(0));
      return reply(id, result == null || result.isJsonNull() ? new JsonObject() : result, null);
    } catch (Exception e) {
      return reply(id, JsonNull.INSTANCE, e.getMessage() == null ? e.toString() : e.getMessage());
    }
  }

  private static JsonObject reply(JsonElement id, JsonElement result, String error) {
    JsonObject reply = new JsonObject();
    reply.add("id", id);
    reply.add("result", result);
    reply.add("error", error == null ? JsonNull.INSTANCE : new com.google.gson.JsonPrimitive(error));
    return reply;
  }
}
