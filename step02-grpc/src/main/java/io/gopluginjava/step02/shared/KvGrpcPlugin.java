package io.gopluginjava.step02.shared;

import io.gopluginjava.grpc.GrpcBroker;
import io.gopluginjava.grpc.GrpcPlugin;
import io.grpc.BindableService;
import io.grpc.Channel;

/** Ties KV to gRPC for both sides, like go-plugin's {@code KVGRPCPlugin}. */
public final class KvGrpcPlugin implements GrpcPlugin<KV> {

  private final KV impl;
  private final boolean neverBlocks;

  /** Host side. */
  public KvGrpcPlugin() {
    this(null);
  }

  /** Plugin side: serves {@code impl}, whose methods may block (each call runs on a pool thread). */
  public KvGrpcPlugin(KV impl) {
    this(impl, false);
  }

  private KvGrpcPlugin(KV impl, boolean neverBlocks) {
    this.impl = impl;
    this.neverBlocks = neverBlocks;
  }

  /**
   * Plugin side: serves {@code impl}, whose methods never wait (values in memory, say), on the event loop that reads
   * each call (see {@link GrpcPlugin#neverBlocks()}).
   */
  public static KvGrpcPlugin neverBlocking(KV impl) {
    return new KvGrpcPlugin(impl, true);
  }

  @Override
  public boolean neverBlocks() {
    return neverBlocks;
  }

  @Override
  public BindableService server(GrpcBroker broker) {
    if (impl == null) {
      throw new IllegalStateException("this KvGrpcPlugin was made for a host: give it a KV to serve");
    }
    return new KvGrpcServer(impl);
  }

  @Override
  public KV client(GrpcBroker broker, Channel channel) {
    return new KvGrpcClient(channel);
  }
}
