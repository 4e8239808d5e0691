package io.gopluginjava.grpc;

import io.gopluginjava.grpc.proto.ConnInfo;
import io.gopluginjava.grpc.proto.GRPCBrokerGrpc;
import io.grpc.stub.StreamObserver;

/**
 * {@code plugin.GRPCBroker} of a plugin without a broker ({@link BrokerFactory#NONE}), registered because a go-plugin
 * host opens its stream at once. It accepts the stream and answers nothing: step03's broker brokers connections.
 */
final class BrokerService extends GRPCBrokerGrpc.GRPCBrokerImplBase {

  @Override
  public StreamObserver<ConnInfo> startStream(StreamObserver<ConnInfo> toHost) {
    return new StreamObserver<>() {
      @Override
      public void onNext(ConnInfo info) {
        // step02 serves no brokered services: nothing to connect
      }

      @Override
      public void onError(Throwable t) {
        // the host went away; nothing to clean up
      }

      @Override
      public void onCompleted() {
        toHost.onCompleted();
      }
    };
  }
}
