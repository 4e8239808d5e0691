package io.gopluginjava.grpc;

import com.google.protobuf.Empty;
import io.gopluginjava.grpc.proto.GRPCStdioGrpc;
import io.gopluginjava.grpc.proto.StdioData;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;

/** {@code plugin.GRPCStdio}: streams the plugin's captured stdout and stderr to the host, both on one stream. */
final class StdioService extends GRPCStdioGrpc.GRPCStdioImplBase {

  private final StdioCapture capture;

  StdioService(StdioCapture capture) {
    this.capture = capture;
  }

  @Override
  public void streamStdio(Empty request, StreamObserver<StdioData> stream) {
    // workbook:begin stdio-streaming
    ServerCallStreamObserver<StdioData> call = (ServerCallStreamObserver<StdioData>) stream;
    try {
      while (!call.isCancelled() && !capture.isClosed()) {
        StdioData chunk = capture.next(100);
        if (chunk != null && !chunk.getData().isEmpty()) {
          call.onNext(chunk);
        }
      }
      call.onCompleted();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    // workbook:end
  }
}
