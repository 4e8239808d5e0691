package io.gopluginjava.step01.shared;

import io.gopluginjava.core.RpcPlugin;
import io.gopluginjava.jsonrpc.JsonRpcClient;
import io.gopluginjava.jsonrpc.RpcHandler;
import java.util.Map;

/**
 * Ties the Greeter to the RPC layer for both sides, like the blog's {@code GreeterPlugin}: the plugin process
 * creates it with its implementation, the host with none.
 */
public final class GreeterPlugin implements RpcPlugin<Greeter> {

  private final Greeter impl;

  /** Host side: nothing to serve, only clients to make. */
  public GreeterPlugin() {
    this(null);
  }

  /** Plugin side: serves {@code impl}. */
  public GreeterPlugin(Greeter impl) {
    this.impl = impl;
  }

  @Override
  public Map<String, RpcHandler> server() {
    if (impl == null) {
      throw new IllegalStateException("this GreeterPlugin was made for a host: give it a Greeter to serve");
    }
    return new GreeterRpcServer(impl).methods();
  }

  @Override
  public Greeter client(JsonRpcClient rpc) {
    return new GreeterRpcClient(rpc);
  }

  @Override
  public Class<Greeter> type() {
    return Greeter.class;
  }
}
