package io.gopluginjava.step03.shared;

import io.gopluginjava.grpc.GrpcBroker;
import io.gopluginjava.step03.counter.proto.CounterGrpc;
import io.gopluginjava.step03.counter.proto.Empty;
import io.gopluginjava.step03.counter.proto.GetRequest;
import io.gopluginjava.step03.counter.proto.GetResponse;
import io.gopluginjava.step03.counter.proto.PutRequest;
import io.grpc.ManagedChannel;
import io.grpc.stub.StreamObserver;

/** The plugin's side of Counter: a put dials the host's AddHelper through the broker for the length of the call. */
public final class CounterGrpcServer extends CounterGrpc.CounterImplBase {

  private final Counter impl;
  private final GrpcBroker broker;

  public CounterGrpcServer(Counter impl, GrpcBroker broker) {
    this.impl = impl;
    this.broker = broker;
  }

  @Override
  public void put(PutRequest request, StreamObserver<Empty> reply) {
    // workbook:begin counter-put-callback
    ManagedChannel toHost = broker.dial(request.getAddServer());
    try {
      impl.put(request.getKey(), request.getValue(), new AddHelperGrpcClient(toHost, request.getAddServer()));
    } finally {
      toHost.shutdownNow();
    }
    reply.onNext(Empty.getDefaultInstance());
    reply.onCompleted();
    // workbook:end
  }

  @Override
  public void get(GetRequest request, StreamObserver<GetResponse> reply) {
    reply.onNext(GetResponse.newBuilder().setValue(impl.get(request.getKey())).build());
    reply.onCompleted();
  }
}
