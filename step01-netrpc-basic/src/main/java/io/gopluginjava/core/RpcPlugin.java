package io.gopluginjava.core;

import io.gopluginjava.jsonrpc.JsonRpcClient;
import io.gopluginjava.jsonrpc.RpcHandler;
import java.util.Map;

/**
 * One kind of plugin, seen from both sides, like go-plugin's {@code plugin.Plugin}: the plugin process asks it for
 * the methods to serve, the host asks it for a client that turns calls into RPCs.
 *
 * @param <T> the interface the host programs against, e.g. {@code Greeter}
 */
// tag::rpc-plugin[]
public interface RpcPlugin<T> {

  /** Plugin side: the methods to serve, by name without the service ("Greet", not "Plugin.Greet"). */
  Map<String, RpcHandler> server();

  /** Host side: an implementation of {@code T} whose every method is a call over {@code rpc}. */
  T client(JsonRpcClient rpc);

  /** The interface {@link #client} implements, so that {@code dispense} can check what the caller asked for. */
  Class<T> type();
}
// end::rpc-plugin[]
