package io.gopluginjava.step02.shared;

import io.gopluginjava.grpc.GrpcBroker;
import io.gopluginjava.grpc.GrpcPlugin;
import io.grpc.BindableService;
import io.grpc.ManagedChannel;

/** Ties KV to gRPC for both sides, like go-plugin's {@code KVGRPCPlugin}. */
public final class KvGrpcPlugin implements GrpcPlugin<KV> {

  private final KV impl;

  /** Host side. */
  public KvGrpcPlugin() {
    this(null);
  }

  /** Plugin side: serves {@code impl}. */
  public KvGrpcPlugin(KV impl) {
    this.impl = impl;
  }

  @Override
  public BindableService server(GrpcBroker broker) {
    if (impl == null) {
      throw new IllegalStateException("this KvGrpcPlugin was made for a host: give it a KV to serve");
    }
    return new KvGrpcServer(impl);
  }

  @Override
  public KV client(GrpcBroker broker, ManagedChannel channel) {
    return new KvGrpcClient(channel);
  }
}
