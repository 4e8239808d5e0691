package io.gopluginjava.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.Future;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The process's event loops ({@link SharedEventLoops}) outlive their last user for a while, then end with their
 * threads: work a closed channel still has for its loop runs, and the next channel finds the loops running.
 */
@DisplayName("event loops that outlive their last user")
class LingeringEventLoopsTest {

  private static final Duration A_DAY = Duration.ofDays(1);

  @Test
  @DisplayName("work handed to a loop just after the last release still runs: a channel is not done when it ends")
  void workAfterTheLastReleaseRuns() throws InterruptedException {
    LingeringEventLoops loops = new LingeringEventLoops(A_DAY);
    EventLoopGroup group = loops.acquire();
    try {
      loops.release(group);

      Future<?> late = group.next().submit(() -> {});

      assertThat(late.await(10, TimeUnit.SECONDS)).as("the late task ran").isTrue();
      assertThat(late.isSuccess()).as("the late task was accepted: %s", late.cause()).isTrue();
    } finally {
      group.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS).syncUninterruptibly();
    }
  }

  @Test
  @DisplayName("a user who comes before the loops have ended gets the same running loops, no new threads")
  void aNewUserWithinTheLingerSharesTheSameLoops() {
    LingeringEventLoops loops = new LingeringEventLoops(A_DAY);
    EventLoopGroup first = loops.acquire();
    try {
      loops.release(first);

      EventLoopGroup second = loops.acquire();
      loops.release(second);

      assertThat(second).as("the group the second user got").isSameAs(first);
      assertThat(second.isShuttingDown()).as("the group is still running").isFalse();
    } finally {
      first.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS).syncUninterruptibly();
    }
  }

  @Test
  @DisplayName("once nobody took them again, the loops end and their threads with them; the next user gets new ones")
  void unusedLoopsEnd() throws Exception {
    LingeringEventLoops loops = new LingeringEventLoops(Duration.ZERO);
    EventLoopGroup group = loops.acquire();
    Thread loopThread = group.next().submit(Thread::currentThread).get(10, TimeUnit.SECONDS);
    loops.release(group);

    assertThat(group.terminationFuture().await(10, TimeUnit.SECONDS)).as("the group ended").isTrue();
    loopThread.join(TimeUnit.SECONDS.toMillis(10));
    assertThat(loopThread.isAlive()).as("the loop's thread %s is alive", loopThread.getName()).isFalse();

    EventLoopGroup next = loops.acquire();
    try {
      assertThat(next).as("the group after the first ended").isNotSameAs(group);
      assertThat(next.isShuttingDown()).as("the new group is running").isFalse();
    } finally {
      loops.release(next);
      assertThat(next.terminationFuture().await(10, TimeUnit.SECONDS)).as("the second group ended").isTrue();
    }
  }

  @Test
  @DisplayName("giving back more than was taken is a bug in the caller, said at once")
  void releasingTwiceIsRefused() {
    LingeringEventLoops loops = new LingeringEventLoops(Duration.ZERO);
    EventLoopGroup group = loops.acquire();
    loops.release(group);

    assertThatExceptionOfType(IllegalStateException.class)
        .as("a second release of one share")
        .isThrownBy(() -> loops.release(group))
        .withMessageContaining("no longer shares");
    assertThat(group.terminationFuture().awaitUninterruptibly(10, TimeUnit.SECONDS)).as("the group ended").isTrue();
  }
}
