package io.gopluginjava.netrpc;

import io.gopluginjava.core.Plugin;
import java.util.Map;

/**
 * One kind of plugin over go-plugin's netrpc protocol, seen from both sides (go-plugin's {@code plugin.Plugin} with
 * {@code Server(*MuxBroker)} and {@code Client(*MuxBroker, *rpc.Client)}).
 *
 * @param <T> the interface the host programs against
 */
// tag::netrpc-plugin[]
public interface NetRpcPlugin<T> extends Plugin {

  /** Plugin side: the methods to serve, by method name; they are served as {@code "Plugin.<name>"}. */
  Map<String, NetRpcMethod> server(MuxBroker broker);

  /** Host side: an implementation of {@code T} whose methods call {@code "Plugin.<name>"} over {@code rpc}. */
  T client(MuxBroker broker, NetRpcClient rpc);

  /**
   * Host side, knowing the app protocol version the plugin negotiated, for a declaration whose client differs by
   * version; the version-blind {@link #client(MuxBroker, NetRpcClient)} unless overridden.
   */
  default T client(MuxBroker broker, NetRpcClient rpc, int version) {
    return client(broker, rpc);
  }
}
// end::netrpc-plugin[]
