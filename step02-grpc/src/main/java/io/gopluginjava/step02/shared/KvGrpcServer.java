package io.gopluginjava.step02.shared;

import io.gopluginjava.step02.kv.proto.Empty;
import io.gopluginjava.step02.kv.proto.GetRequest;
import io.gopluginjava.step02.kv.proto.GetResponse;
import io.gopluginjava.step02.kv.proto.KVGrpc;
import io.gopluginjava.step02.kv.proto.PutRequest;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;

/** The plugin's {@code proto.KV} service: answers calls with the real KV, like go-plugin's {@code GRPCServer}. */
public final class KvGrpcServer extends KVGrpc.KVImplBase {

  private final KV impl;

  public KvGrpcServer(KV impl) {
    this.impl = impl;
  }

  // tag::kv-server[]
  @Override
  public void put(PutRequest request, StreamObserver<Empty> reply) {
    try {
      impl.put(request.getKey(), request.getValue().toByteArray());
      reply.onNext(Empty.getDefaultInstance());
      reply.onCompleted();
    } catch (RuntimeException e) {
      reply.onError(Status.INTERNAL.withDescription(e.getMessage()).asRuntimeException());
    }
  }

  @Override
  public void get(GetRequest request, StreamObserver<GetResponse> reply) {
    try {
      byte[] value = impl.get(request.getKey());
      reply.onNext(GetResponse.newBuilder().setValue(com.google.protobuf.ByteString.copyFrom(value)).build());
      reply.onCompleted();
    } catch (RuntimeException e) {
      reply.onError(Status.INTERNAL.withDescription(e.getMessage()).asRuntimeException());
    }
  }
  // end::kv-server[]
}
