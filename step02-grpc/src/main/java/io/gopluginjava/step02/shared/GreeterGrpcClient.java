package io.gopluginjava.step02.shared;

import io.gopluginjava.step01.shared.Greeter;
import io.gopluginjava.step02.greeter.proto.Empty;
import io.gopluginjava.step02.greeter.proto.GreeterServiceGrpc;
import io.grpc.Channel;

/** The host's Greeter over gRPC: the blog's {@code GRPCClient}. */
public final class GreeterGrpcClient implements Greeter {

  private final GreeterServiceGrpc.GreeterServiceBlockingStub stub;

  public GreeterGrpcClient(Channel channel) {
    this.stub = GreeterServiceGrpc.newBlockingStub(channel);
  }

  @Override
  public String greet() {
    // workbook:begin greeter-grpc-client
    return stub.greet(Empty.getDefaultInstance()).getMessage();
    // workbook:end
  }
}
