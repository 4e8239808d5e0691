package io.gopluginjava.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import io.gopluginjava.step02.shared.KV;
import io.gopluginjava.step02.shared.KvGrpcClient;
import io.gopluginjava.step02.shared.KvGrpcServer;
import io.gopluginjava.step02.kv.proto.KVGrpc;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.protobuf.services.HealthStatusManager;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Where a server runs a call: on the event loop that read it for the services that never block, on a pool for the
 * others (a call that waits must not hold an event loop), on grpc-java's default executor when no service is named.
 */
@DisplayName("the thread a server call runs on")
class EventLoopCallsTest {

  @TempDir Path dir;
  private final AtomicReference<Thread> servedOn = new AtomicReference<>();
  private Server server;
  private ManagedChannel channel;

  /** A KV that remembers the thread of its last call. */
  private final KV recording = new KV() {
    @Override
    public void put(String key, byte[] value) {
      servedOn.set(Thread.currentThread());
    }

    @Override
    public byte[] get(String key) {
      servedOn.set(Thread.currentThread());
      return new byte[0];
    }
  };

  @AfterEach
  void close() throws InterruptedException {
    if (channel != null) {
      channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
    if (server != null) {
      server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
  }

  private Thread callOnServerWith(Set<String> eventLoopServices) throws Exception {
    String socket = dir.resolve("plugin.sock").toString();
    server = Transport.startServer("unix", socket, null,
        Transport.bind(List.of(new KvGrpcServer(recording), new HealthStatusManager().getHealthService())),
        eventLoopServices);
    channel = Transport.channel("unix", socket, null);
    new KvGrpcClient(channel).get("k");
    return servedOn.get();
  }

  @Test
  @DisplayName("a service named as never blocking is called on the event loop that read the call: no hand-off")
  void neverBlockingServiceRunsOnEventLoop() throws Exception {
    String thread = callOnServerWith(Set.of(KVGrpc.SERVICE_NAME)).getName();

    assertThat(thread).as("SharedEventLoops' threads are goplugin-grpc-N-M").matches("goplugin-grpc-\\d+-\\d+");
  }

  @Test
  @DisplayName("every other service of such a server is called on its pool, where a call may wait")
  void otherServicesRunOnThePool() throws Exception {
    String thread = callOnServerWith(Set.of(HealthGrpc.SERVICE_NAME)).getName();

    assertThat(thread).as("EventLoopCalls' pool threads").startsWith("goplugin-grpc-call-");
  }

  @Test
  @DisplayName("a server with no such service keeps grpc-java's default executor")
  void noEventLoopServiceKeepsTheDefault() throws Exception {
    String thread = callOnServerWith(Set.of()).getName();

    assertThat(thread).as("grpc-java's shared executor").startsWith("grpc-default-executor-");
  }

  @Test
  @DisplayName("the pool's threads end with their server")
  void poolEndsWithTheServer() throws Exception {
    Thread pool = callOnServerWith(Set.of(HealthGrpc.SERVICE_NAME));
    server.shutdown().awaitTermination(5, TimeUnit.SECONDS);

    pool.join(TimeUnit.SECONDS.toMillis(5));
    assertThat(pool.getName()).as("the thread that served the call").startsWith("goplugin-grpc-call-");
    assertThat(pool.isAlive()).as("that pool thread once its server has terminated").isFalse();
  }
}
