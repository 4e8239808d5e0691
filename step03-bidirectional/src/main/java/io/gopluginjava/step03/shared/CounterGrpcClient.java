package io.gopluginjava.step03.shared;

import io.gopluginjava.grpc.GrpcBroker;
import io.gopluginjava.grpc.GrpcBroker.BrokeredServer;
import io.gopluginjava.step03.counter.proto.CounterGrpc;
import io.gopluginjava.step03.counter.proto.GetRequest;
import io.gopluginjava.step03.counter.proto.PutRequest;
import io.grpc.Channel;

/** The host's Counter: every call goes to the plugin; a put serves {@link AddHelper} back for as long as it runs. */
public final class CounterGrpcClient implements Counter {

  private final CounterGrpc.CounterBlockingStub counter;
  private final GrpcBroker broker;

  public CounterGrpcClient(Channel channel, GrpcBroker broker) {
    this.counter = CounterGrpc.newBlockingStub(channel);
    this.broker = broker;
  }

  // tag::counter-client-put[]
  @Override
  public void put(String key, long value, AddHelper helper) {
    int id = broker.nextId();
    try (BrokeredServer served = broker.acceptAndServe(id, new AddHelperGrpcServer(helper))) {
      counter.put(PutRequest.newBuilder().setAddServer(served.id()).setKey(key).setValue(value).build());
    }
  }
  // end::counter-client-put[]

  @Override
  public long get(String key) {
    return counter.get(GetRequest.newBuilder().setKey(key).build()).getValue();
  }
}
