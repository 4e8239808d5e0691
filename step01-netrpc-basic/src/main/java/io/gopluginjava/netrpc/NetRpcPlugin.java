package io.gopluginjava.netrpc;

import java.util.Map;

/**
 * One kind of plugin over go-plugin's netrpc protocol, seen from both sides (go-plugin's {@code plugin.Plugin} with
 * {@code Server(*MuxBroker)} and {@code Client(*MuxBroker, *rpc.Client)}).
 *
 * @param <T> the interface the host programs against
 */
// tag::netrpc-plugin[]
public interface NetRpcPlugin<T> {

  /** Plugin side: the methods to serve, by method name; they are served as {@code "Plugin.<name>"}. */
  Map<String, NetRpcMethod> server(MuxBroker broker);

  /** Host side: an implementation of {@code T} whose methods call {@code "Plugin.<name>"} over {@code rpc}. */
  T client(MuxBroker broker, NetRpcClient rpc);
}
// end::netrpc-plugin[]
