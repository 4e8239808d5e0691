package io.gopluginjava.step02.shared;

import com.google.protobuf.ByteString;
import io.gopluginjava.step02.kv.proto.GetRequest;
import io.gopluginjava.step02.kv.proto.KVGrpc;
import io.gopluginjava.step02.kv.proto.PutRequest;
import io.grpc.Channel;

/** The host's KV: each call is a gRPC call of {@code proto.KV}, like go-plugin's {@code GRPCClient} in its KV example. */
public final class KvGrpcClient implements KV {

  private final KVGrpc.KVBlockingStub stub;

  public KvGrpcClient(Channel channel) {
    this.stub = KVGrpc.newBlockingStub(channel);
  }

  // tag::kv-client[]
  @Override
  public void put(String key, byte[] value) {
    stub.put(PutRequest.newBuilder().setKey(key).setValue(ByteString.copyFrom(value)).build());
  }

  @Override
  public byte[] get(String key) {
    return stub.get(GetRequest.newBuilder().setKey(key).build()).getValue().toByteArray();
  }
  // end::kv-client[]
}
