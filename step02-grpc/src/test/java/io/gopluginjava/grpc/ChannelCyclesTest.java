package io.gopluginjava.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import io.gopluginjava.testing.Await;
import io.grpc.ConnectivityState;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.services.HealthStatusManager;
import io.grpc.stub.StreamObserver;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A host's life in miniature, many times over: open a channel, call, lose the server, shut the channel down, as
 * {@code PluginClient} does over gRPC with each plugin it starts and kills. The channels take their event loops from
 * {@link SharedEventLoops}; the servers have loops of their own, so a channel alone is often the loops' only user and
 * its end their last release. A channel's {@code awaitTermination} returns before the channel is done with its loop:
 * the thread in {@code shutdownNow} still cancels the idle timer there, and a call's deferred work (a
 * {@code DelayedStream} draining on the call executor) reaches it when that executor gets round to it. Here the call
 * executor holds that work until the channel has ended, as a busy machine's does now and then. A loop that rejects
 * it fails the test, as do grpc-java's SEVERE "Panic!" and an uncaught exception on any thread.
 */
@DisplayName("channels opened and closed again and again never find their event loop ended")
class ChannelCyclesTest {

  /** The loops' old ending failed within 5 cycles in every run (4 of 4, with 400); 100 keep a wide margin. */
  private static final int CYCLES = 100;
  private static final HealthCheckRequest ANY = HealthCheckRequest.getDefaultInstance();

  @TempDir Path dir;
  private final Queue<String> loopFailures = new ConcurrentLinkedQueue<>();
  private final Logger grpcChannels = Logger.getLogger("io.grpc.internal.ManagedChannelImpl");
  private final Handler severe = new Handler() {
    @Override
    public void publish(LogRecord record) {
      if (record.getLevel().intValue() >= Level.SEVERE.intValue()) {
        loopFailures.add(record.getMessage() + "\n" + stackTrace(record.getThrown()));
      }
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  };
  private Thread.UncaughtExceptionHandler previousUncaught;
  private EventLoopGroup serverLoops;

  @BeforeEach
  void watchForLoopFailures() {
    grpcChannels.addHandler(severe);
    previousUncaught = Thread.getDefaultUncaughtExceptionHandler();
    Thread.setDefaultUncaughtExceptionHandler(
        (thread, e) -> loopFailures.add("uncaught in " + thread.getName() + ": " + stackTrace(e)));
    serverLoops = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("cycles-server", true),
        NettyTransport.current().ioHandlerFactory());
  }

  @AfterEach
  void stopWatching() {
    grpcChannels.removeHandler(severe);
    Thread.setDefaultUncaughtExceptionHandler(previousUncaught);
    serverLoops.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS).syncUninterruptibly();
  }

  @Test
  @Timeout(value = 5, unit = TimeUnit.MINUTES)
  @DisplayName("one host after another: each channel is the loops' only user, its end their last release")
  void sequentialCycles() throws Exception {
    int done = cycles("a", CYCLES);
    assertThat(loopFailures).as("event-loop failures in %d sequential channel cycles", done).isEmpty();
  }

  @Test
  @Timeout(value = 5, unit = TimeUnit.MINUTES)
  @DisplayName("two hosts at once: the loops' users come and go in every order, and now and then all are gone")
  void overlappingCycles() throws Exception {
    ExecutorService hosts = Executors.newFixedThreadPool(2);
    try {
      List<Future<Integer>> runs = new ArrayList<>();
      for (String host : List.of("b", "c")) {
        runs.add(hosts.submit(() -> cycles(host, CYCLES / 2)));
      }
      int done = 0;
      for (Future<Integer> run : runs) {
        done += run.get();
      }
      assertThat(loopFailures).as("event-loop failures in %d overlapping channel cycles", done).isEmpty();
    } finally {
      hosts.shutdownNow();
      assertThat(hosts.awaitTermination(30, TimeUnit.SECONDS)).as("the test's host threads ended").isTrue();
    }
  }

  /** Runs up to {@code count} cycles, fewer once one has failed; returns how many ran. */
  private int cycles(String host, int count) throws Exception {
    int i = 0;
    while (i < count && loopFailures.isEmpty()) {
      cycle(dir.resolve(host + i + ".sock"));
      i++;
    }
    return i;
  }

  private void cycle(Path socket) throws Exception {
    Server server = NettyServerBuilder.forAddress(NettyTransport.current().unixAddress(socket.toString()))
        .channelType(NettyTransport.current().serverChannel(true))
        .bossEventLoopGroup(serverLoops)
        .workerEventLoopGroup(serverLoops)
        .addService(new HealthStatusManager().getHealthService())
        .build()
        .start();
    HeldExecutor calls = new HeldExecutor();
    ManagedChannel channel = Transport.channel("unix", socket.toString(), null, builder -> builder.executor(calls));
    try {
      // A stream opened before the connection is up, as GrpcClientProtocol's GRPCStdio: its start, flush and
      // request(n) wait in a DelayedStream for the channel's executor.
      HealthGrpc.newStub(channel).watch(ANY, new Ignore());
      HealthGrpc.newBlockingStub(channel).withDeadlineAfter(10, TimeUnit.SECONDS).check(ANY);
      // The plugin goes first: its connection is gone, so the channel ends within its own shutdownNow.
      server.shutdownNow();
      assertThat(server.awaitTermination(10, TimeUnit.SECONDS)).as("the server of %s ended", socket).isTrue();
      awaitConnectionLost(channel);
    } finally {
      server.shutdownNow();
      channel.shutdownNow();
      assertThat(channel.awaitTermination(10, TimeUnit.SECONDS)).as("the channel to %s ended", socket).isTrue();
      calls.runHeld();
    }
  }

  /** Polls: notifyWhenStateChanged would tell on the channel's executor, which holds everything until the end. */
  private static void awaitConnectionLost(ManagedChannel channel) {
    assertThat(Await.until(() -> channel.getState(false) != ConnectivityState.READY, Duration.ofSeconds(10)))
        .as("the channel noticed its server was gone").isTrue();
  }

  private static String stackTrace(Throwable e) {
    StringWriter trace = new StringWriter();
    if (e != null) {
      e.printStackTrace(new PrintWriter(trace));
    }
    return trace.toString();
  }

  /** A channel's call executor that runs nothing until told: the work a busy machine's executor gets to late. */
  private final class HeldExecutor implements Executor {
    private final Queue<Runnable> held = new ConcurrentLinkedQueue<>();

    @Override
    public void execute(Runnable work) {
      held.add(work);
    }

    void runHeld() {
      for (Runnable work = held.poll(); work != null; work = held.poll()) {
        try {
          work.run();
        } catch (RuntimeException e) {
          loopFailures.add("a call's deferred work, run after its channel ended: " + stackTrace(e));
        }
      }
    }
  }

  private static final class Ignore implements StreamObserver<HealthCheckResponse> {
    @Override
    public void onNext(HealthCheckResponse value) {}

    @Override
    public void onError(Throwable t) {}

    @Override
    public void onCompleted() {}
  }
}
