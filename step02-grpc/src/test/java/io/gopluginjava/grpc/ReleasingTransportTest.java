package io.gopluginjava.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * A server or channel gives back its share of the event loops when whoever closes it sees it terminated, not only
 * later on a closer thread: a process that exits right after finds its loops lingering (ended by the exit hook) rather
 * than in use, which HotSpot's exit would wait 300 ms for.
 */
@DisplayName("a server or channel gives back what it used as soon as it is seen terminated")
class ReleasingTransportTest {

  @Test
  @DisplayName("a channel's awaitTermination has given its loops back when it returns true")
  void channelReleasesInTheClosersWait() throws InterruptedException {
    List<String> releases = new CopyOnWriteArrayList<>();
    ManagedChannel channel = new ReleasingChannel(InProcessChannelBuilder.forName("nobody").build(),
        () -> releases.add(Thread.currentThread().getName()));

    channel.shutdownNow();
    boolean terminated = channel.awaitTermination(10, TimeUnit.SECONDS);

    assertThat(terminated).as("the channel terminated").isTrue();
    assertThat(releases).as("the releases done by the time awaitTermination returned (by thread)").hasSize(1);
  }

  @Test
  @DisplayName("a server's awaitTermination has given back what it used when it returns true")
  void serverReleasesInTheStoppersWait() throws IOException, InterruptedException {
    List<String> releases = new CopyOnWriteArrayList<>();
    Server server = new ReleasingServer(InProcessServerBuilder.forName("releasing-" + System.nanoTime()).build().start(),
        "test-server-closer", () -> releases.add(Thread.currentThread().getName()));

    server.shutdown();
    boolean terminated = server.awaitTermination(10, TimeUnit.SECONDS);

    assertThat(terminated).as("the server terminated").isTrue();
    assertThat(releases).as("the releases done by the time awaitTermination returned (by thread)").hasSize(1);
  }

  @Test
  @DisplayName("a channel that is not closed gives nothing back, and its awaitTermination says it has not terminated")
  void openChannelKeepsItsShare() throws InterruptedException {
    List<String> releases = new CopyOnWriteArrayList<>();
    ManagedChannel channel = new ReleasingChannel(InProcessChannelBuilder.forName("nobody").build(),
        () -> releases.add(Thread.currentThread().getName()));
    try {
      assertThat(channel.awaitTermination(10, TimeUnit.MILLISECONDS)).as("an open channel terminated").isFalse();
      assertThat(releases).as("releases of an open channel").isEmpty();
    } finally {
      channel.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
    }
  }

  @Test
  @DisplayName("what is given back is given back once, however many threads see the termination")
  void givenBackOnce() throws InterruptedException {
    AtomicInteger runs = new AtomicInteger();
    Once release = new Once(runs::incrementAndGet);
    CountDownLatch go = new CountDownLatch(1);
    List<Thread> threads = new CopyOnWriteArrayList<>();
    for (int i = 0; i < 8; i++) {
      Thread thread = new Thread(() -> {
        try {
          go.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        release.run();
      });
      thread.start();
      threads.add(thread);
    }

    go.countDown();
    for (Thread thread : threads) {
      thread.join(TimeUnit.SECONDS.toMillis(10));
    }

    assertThat(runs.get()).as("times the release ran, from 8 threads").isEqualTo(1);
  }
}
