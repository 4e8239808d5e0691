package io.gopluginjava.step03.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.gopluginjava.grpc.BrokerException;
import io.gopluginjava.testing.BrokerPair;
import io.gopluginjava.step03.counter.proto.AddHelperGrpc;
import io.gopluginjava.step03.counter.proto.SumRequest;
import io.gopluginjava.testing.InProcessGrpc;
import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Counter and AddHelper over gRPC, each side alone on the in-process transport, the broker between them. */
@DisplayName("Counter and AddHelper over gRPC")
class CounterGrpcTest {

  @RegisterExtension final InProcessGrpc grpc = new InProcessGrpc();
  private BrokerPair brokers;

  /** A Counter that keeps counts in memory, adding through whatever helper the put brings. */
  private static final class MemoryCounter implements Counter {
    final Map<String, Long> counts = new ConcurrentHashMap<>();

    @Override
    public void put(String key, long value, AddHelper helper) {
      counts.put(key, helper.sum(counts.getOrDefault(key, 0L), value));
    }

    @Override
    public long get(String key) {
      return counts.get(key);
    }
  }

  @AfterEach
  void closeBrokers() {
    if (brokers != null) {
      brokers.close();
    }
  }

  @Test
  @DisplayName("the host's AddHelper answers Sum with what its implementation computes")
  void addHelperServerSums() throws Exception {
    var stub = AddHelperGrpc.newBlockingStub(grpc.serve(new AddHelperGrpcServer((a, b) -> a * 10 + b)));

    assertThat(stub.sum(SumRequest.newBuilder().setA(4).setB(2).build()).getR()).as("Sum(4, 2) of a*10+b")
        .isEqualTo(42);
  }

  @Test
  @DisplayName("the host's AddHelper turns its implementation's failure into an error the plugin can read")
  void addHelperServerReportsOverflow() throws Exception {
    var stub = AddHelperGrpc.newBlockingStub(grpc.serve(new AddHelperGrpcServer(Math::addExact)));

    assertThatExceptionOfType(StatusRuntimeException.class)
        .isThrownBy(() -> stub.sum(SumRequest.newBuilder().setA(Long.MAX_VALUE).setB(1).build()))
        .withMessageContaining("long overflow");
  }

  @Test
  @DisplayName("Counter.Put on the plugin calls the host's AddHelper back and keeps what it answers")
  void putCallsBack() throws Exception {
    brokers = BrokerPair.connect(grpc);
    MemoryCounter store = new MemoryCounter();
    Counter counter = new CounterGrpcClient(grpc.serve(new CounterGrpcServer(store, brokers.plugin())),
        brokers.host());

    counter.put("a", 5, (a, b) -> 100 + a + b);
    counter.put("a", 3, (a, b) -> a + b);

    assertThat(store.counts).as("counts the plugin kept: 100+0+5, then +3").containsEntry("a", 108L);
    assertThat(counter.get("a")).as("get through the client").isEqualTo(108);
  }

  @Test
  @DisplayName("the host serves its AddHelper only while the put runs")
  void helperStopsWithPut() throws Exception {
    brokers = BrokerPair.connect(grpc);
    Counter counter = new CounterGrpcClient(grpc.serve(new CounterGrpcServer(new MemoryCounter(), brokers.plugin())),
        brokers.host());

    counter.put("a", 1, Math::addExact);

    assertThat(brokers.hostSockets()).as("brokered servers the host still runs after put").isEmpty();
  }

  @Test
  @DisplayName("an AddHelper the host stopped serving gives the plugin's caller a clear error")
  void helperGone() throws Exception {
    brokers = BrokerPair.connect(grpc);
    int id = brokers.host().nextId();
    brokers.host().acceptAndServe(id, new AddHelperGrpcServer(Math::addExact)).close();
    ManagedChannel channel = brokers.plugin().dial(id);
    try {
      AddHelper helper = new AddHelperGrpcClient(channel, id);

      assertThatExceptionOfType(BrokerException.class).isThrownBy(() -> helper.sum(1, 2))
          .withMessageStartingWith("AddHelper.Sum on the host, broker id " + id + ", failed: UNAVAILABLE")
          .withMessageEndingWith("(is the host still serving it? it stops when its put returns)");
    } finally {
      channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
  }
}
