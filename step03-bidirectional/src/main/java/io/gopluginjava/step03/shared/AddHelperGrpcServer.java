package io.gopluginjava.step03.shared;

import io.gopluginjava.step03.counter.proto.AddHelperGrpc;
import io.gopluginjava.step03.counter.proto.SumRequest;
import io.gopluginjava.step03.counter.proto.SumResponse;
import io.grpc.stub.StreamObserver;

/** The host's AddHelper, served through the broker while a put runs. */
public final class AddHelperGrpcServer extends AddHelperGrpc.AddHelperImplBase {

  private final AddHelper impl;

  public AddHelperGrpcServer(AddHelper impl) {
    this.impl = impl;
  }

  @Override
  public void sum(SumRequest request, StreamObserver<SumResponse> reply) {
    // workbook:begin add-helper-server
    reply.onNext(SumResponse.newBuilder().setR(impl.sum(request.getA(), request.getB())).build());
    reply.onCompleted();
    // workbook:end
  }
}
