package io.gopluginjava.step01.shared;

import io.gopluginjava.jsonrpc.JsonRpcClient;

/** The host's Greeter: each call is an RPC to the plugin, like the blog's {@code GreeterRPC}. */
public final class GreeterRpcClient implements Greeter {

  private final JsonRpcClient rpc;

  public GreeterRpcClient(JsonRpcClient rpc) {
    this.rpc = rpc;
  }

  @Override
  public String greet() {
    return rpc.call("Plugin.Greet", null, String.class);
  }
}
