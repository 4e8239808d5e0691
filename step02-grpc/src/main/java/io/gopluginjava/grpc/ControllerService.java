package io.gopluginjava.grpc;

import io.gopluginjava.grpc.proto.Empty;
import io.gopluginjava.grpc.proto.GRPCControllerGrpc;
import io.grpc.stub.StreamObserver;

/** {@code plugin.GRPCController}: how a host asks its plugin to shut down. */
final class ControllerService extends GRPCControllerGrpc.GRPCControllerImplBase {

  private final Runnable shutdown;

  ControllerService(Runnable shutdown) {
    this.shutdown = shutdown;
  }

  @Override
  public void shutdown(Empty request, StreamObserver<Empty> reply) {
    // workbook:begin controller-shutdown
    reply.onNext(Empty.getDefaultInstance());
    reply.onCompleted();
    shutdown.run();
    // workbook:end
  }
}
