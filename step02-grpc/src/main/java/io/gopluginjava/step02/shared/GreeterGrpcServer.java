package io.gopluginjava.step02.shared;

import io.gopluginjava.step01.shared.Greeter;
import io.gopluginjava.step02.greeter.proto.Empty;
import io.gopluginjava.step02.greeter.proto.GreetResponse;
import io.gopluginjava.step02.greeter.proto.GreeterServiceGrpc;
import io.grpc.stub.StreamObserver;

/** The plugin's {@code proto.GreeterService}: the blog's {@code GRPCServer}, calling the real Greeter. */
public final class GreeterGrpcServer extends GreeterServiceGrpc.GreeterServiceImplBase {

  private final Greeter impl;

  public GreeterGrpcServer(Greeter impl) {
    this.impl = impl;
  }

  @Override
  public void greet(Empty request, StreamObserver<GreetResponse> reply) {
    // workbook:begin greeter-grpc-server
    reply.onNext(GreetResponse.newBuilder().setMessage(impl.greet()).build());
    reply.onCompleted();
    // workbook:end
  }
}
