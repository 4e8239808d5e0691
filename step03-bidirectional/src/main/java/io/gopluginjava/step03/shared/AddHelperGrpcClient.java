package io.gopluginjava.step03.shared;

import io.gopluginjava.grpc.BrokerException;
import io.gopluginjava.step03.counter.proto.AddHelperGrpc;
import io.gopluginjava.step03.counter.proto.SumRequest;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;

/** The plugin's view of the host's AddHelper: each sum is a call back to the host. */
public final class AddHelperGrpcClient implements AddHelper {

  private final AddHelperGrpc.AddHelperBlockingStub helper;
  private final int brokerId;

  public AddHelperGrpcClient(ManagedChannel toHost, int brokerId) {
    this.helper = AddHelperGrpc.newBlockingStub(toHost);
    this.brokerId = brokerId;
  }

  @Override
  public long sum(long a, long b) {
    try {
      return helper.sum(SumRequest.newBuilder().setA(a).setB(b).build()).getR();
    } catch (StatusRuntimeException e) {
      String gone = e.getStatus().getCode() == Status.Code.UNAVAILABLE
          ? " (is the host still serving it? it stops when its put returns)" : "";
      throw new BrokerException("AddHelper.Sum on the host, broker id " + brokerId + ", failed: "
          + e.getStatus().getCode() + " " + e.getStatus().getDescription() + gone, e);
    }
  }
}
