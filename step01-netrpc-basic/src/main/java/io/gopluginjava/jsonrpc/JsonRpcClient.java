package io.gopluginjava.jsonrpc;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.io.Closeable;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Calls methods on one connection, like Go's {@code rpc.Client} with the {@code jsonrpc} codec. Calls may overlap:
 * each gets its own id, and one reader thread hands every reply to the call with the same id.
 */
public final class JsonRpcClient implements Closeable {

  private final JsonWire wire;
  private final String peer;
  private final Duration callTimeout;
  private final AtomicLong nextId = new AtomicLong();
  private final Map<Long, CompletableFuture<JsonObject>> pending = new ConcurrentHashMap<>();
  private final Thread reader;
  private volatile String closedBecause;

  /** {@code peer} names the other side in error messages, e.g. {@code plugin "greeter"}. */
  public JsonRpcClient(JsonWire wire, String peer, Duration callTimeout) {
    this.wire = wire;
    this.peer = peer;
    this.callTimeout = callTimeout;
    this.reader = new Thread(this::readReplies, "goplugin-rpc-reader-" + peer);
    this.reader.setDaemon(true);
    this.reader.start();
  }

  /** Calls {@code method} ("Service.Method") with one argument and waits for its result, at most the call timeout. */
  public <T> T call(String method, Object argument, Class<T> resultType) {
    return call(method, argument, resultType, callTimeout);
  }

  /** {@link #call(String, Object, Class)} with a timeout of its own. */
  public <T> T call(String method, Object argument, Class<T> resultType, Duration timeout) {
    long id = nextId.getAndIncrement();
    CompletableFuture<JsonObject> reply = new CompletableFuture<>();
    pending.put(id, reply);
    try {
      JsonArray params = new JsonArray();
      params.add(JsonWire.GSON.toJsonTree(argument));
      JsonObject request = new JsonObject();
      request.addProperty("method", method);
      request.add("params", params);
      request.addProperty("id", id);
      failIfClosed(method);
      wire.write(request);
      JsonObject response = reply.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      JsonElement error = response.get("error");
      if (error != null && !error.isJsonNull()) {
        throw new RpcException(method + " failed in " + peer + ": " + error.getAsString());
      }
      return resultType == Void.class ? null : JsonWire.GSON.fromJson(response.get("result"), resultType);
    } catch (TimeoutException e) {
      throw new RpcException(method + " got no reply from " + peer + " within " + timeout.toMillis() + " ms");
    } catch (ExecutionException e) {
      throw (RpcException) e.getCause();
    } catch (IOException e) {
      throw new RpcException(method + " could not be sent to " + peer + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RpcException(method + " was interrupted while waiting for " + peer);
    } finally {
      pending.remove(id);
    }
  }

  private void failIfClosed(String method) {
    if (closedBecause != null) {
      throw RpcException.connectionLost(method + " cannot be called: " + closedBecause);
    }
  }

  private void readReplies() {
    String why = "the connection to " + peer + " closed";
    try {
      JsonObject reply;
      while ((reply = wire.read()) != null) {
        JsonElement id = reply.get("id");
        CompletableFuture<JsonObject> call = id == null || !id.isJsonPrimitive() ? null : pending.get(id.getAsLong());
        if (call != null) {
          call.complete(reply);
        }
      }
    } catch (IOException | RuntimeException e) {
      why = "the connection to " + peer + " broke: " + e.getMessage();
    }
    closedBecause = why;
    RpcException closed = RpcException.connectionLost(why);
    pending.values().forEach(call -> call.completeExceptionally(closed));
  }

  @Override
  public void close() {
    try {
      wire.close();
      reader.join(Duration.ofSeconds(2).toMillis());
    } catch (IOException e) {
      // Closing a socket that is already gone: nothing to do.
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
