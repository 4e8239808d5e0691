package io.gopluginjava.step01.shared;

import com.google.gson.JsonElement;
import com.google.gson.JsonPrimitive;
import io.gopluginjava.jsonrpc.RpcHandler;
import java.util.Map;

/** The plugin's side of the Greeter: answers RPCs by calling the real implementation, like {@code GreeterRPCServer}. */
public final class GreeterRpcServer {

  private final Greeter impl;

  public GreeterRpcServer(Greeter impl) {
    this.impl = impl;
  }

  /** The methods this server answers, served as {@code Plugin.<name>}. */
  public Map<String, RpcHandler> methods() {
    return Map.of("Greet", param -> greet());
  }

  JsonElement greet() {
    return new JsonPrimitive(impl.greet());
  }
}
