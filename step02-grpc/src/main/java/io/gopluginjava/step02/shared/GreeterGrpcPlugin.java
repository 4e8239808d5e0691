package io.gopluginjava.step02.shared;

import io.gopluginjava.grpc.GrpcBroker;
import io.gopluginjava.grpc.GrpcPlugin;
import io.gopluginjava.step01.shared.Greeter;
import io.grpc.BindableService;
import io.grpc.Channel;

// tag::greeter-grpc-plugin[]
/** The blog's {@code GreeterGRPCPlugin}: the Greeter of step01, now served and called over gRPC. */
public final class GreeterGrpcPlugin implements GrpcPlugin<Greeter> {

  private final Greeter impl;

  public GreeterGrpcPlugin() {
    this(null);
  }

  public GreeterGrpcPlugin(Greeter impl) {
    this.impl = impl;
  }

  @Override
  public BindableService server(GrpcBroker broker) {
    return new GreeterGrpcServer(impl);
  }

  @Override
  public Greeter client(GrpcBroker broker, Channel channel) {
    return new GreeterGrpcClient(channel);
  }
}
// end::greeter-grpc-plugin[]
