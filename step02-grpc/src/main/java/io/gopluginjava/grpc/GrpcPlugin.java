package io.gopluginjava.grpc;

import io.gopluginjava.core.Plugin;
import io.grpc.BindableService;
import io.grpc.Channel;

/**
 * One kind of plugin over gRPC, seen from both sides, like go-plugin's {@code plugin.GRPCPlugin}: the plugin process
 * asks it for the gRPC service to register, the host for a client on the plugin's channel. Under gRPC the plugin's
 * name never goes on the wire: it is only the host's key for {@code dispense}. Both sides get their connection's
 * {@link GrpcBroker}, which only a plugin that calls back (step03) uses.
 *
 * @param <T> the interface the host programs against, e.g. {@code KV}
 */
public interface GrpcPlugin<T> extends Plugin {

  /**
   * Plugin side: the service that serves the implementation. A host that only uses the plugin (one written in Go,
   * say) declares it with {@link #client} alone, and serving such a declaration fails with this error.
   */
  default BindableService server(GrpcBroker broker) {
    throw new UnsupportedOperationException(getClass().getName() + " is declared for the host only: it has a client"
        + " but no server, so a plugin cannot serve it. Implement GrpcPlugin.server(GrpcBroker) to serve it from Java.");
  }

  /**
   * Plugin side: true when the service's methods never wait (no disk, no lock held for long, no call back to the
   * host), so that they can run on the event loop that read the call instead of being handed to a pool thread and
   * back, which saves two thread wake-ups per call. False by default: a method that waits on the event loop stalls
   * every call on that connection, and one that calls its host back through the broker never gets its answer.
   */
  default boolean neverBlocks() {
    return false;
  }

  /**
   * A declaration for the host only, from a lambda, e.g. {@code GrpcPlugin.forHost((broker, channel) ->
   * KVGrpc.newBlockingStub(channel))} for a plugin written in another language: a lambda needs this target type,
   * since a host's config takes any {@link Plugin}.
   */
  static <T> GrpcPlugin<T> forHost(GrpcPlugin<T> client) {
    return client;
  }

  /** Host side: an implementation of {@code T} whose every method is a call on {@code channel}. */
  T client(GrpcBroker broker, Channel channel);

  /**
   * Host side, knowing the app protocol version the plugin negotiated, for a declaration whose client differs by
   * version; the version-blind {@link #client(GrpcBroker, Channel)} unless overridden.
   */
  default T client(GrpcBroker broker, Channel channel, int version) {
    return client(broker, channel);
  }
}
