package io.gopluginjava.step03.shared;

import io.gopluginjava.grpc.GrpcBroker;
import io.gopluginjava.grpc.GrpcPlugin;
import io.grpc.BindableService;
import io.grpc.Channel;

/** Ties Counter to gRPC for both sides; unlike KV, both sides use their broker. */
public final class CounterGrpcPlugin implements GrpcPlugin<Counter> {

  private final Counter impl;

  /** Host side. */
  public CounterGrpcPlugin() {
    this(null);
  }

  /** Plugin side: serves {@code impl}. */
  public CounterGrpcPlugin(Counter impl) {
    this.impl = impl;
  }

  @Override
  public BindableService server(GrpcBroker broker) {
    if (impl == null) {
      throw new IllegalStateException("this CounterGrpcPlugin was made for a host: give it a Counter to serve");
    }
    return new CounterGrpcServer(impl, broker);
  }

  @Override
  public Counter client(GrpcBroker broker, Channel channel) {
    return new CounterGrpcClient(channel, broker);
  }
}
