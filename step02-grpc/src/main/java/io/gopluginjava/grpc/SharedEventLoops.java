package io.gopluginjava.grpc;

import io.netty.channel.EventLoopGroup;
import java.time.Duration;

/**
 * The one Netty event-loop group of this process, shared by every server and channel {@link Transport} makes: the
 * first user makes it, and once the last one has given it back and nobody took it again for a {@link #LINGER}, it
 * ends with its threads, so a process that no longer serves or dials anything has none left. One group instead of
 * one per server and channel saves a plugin and its host a group's start each (threads, an epoll or kqueue instance
 * or a selector, its wake-up descriptors) on the way to the first call. Its loops start lazily, so two cost no more
 * than one until two connections need them.
 *
 * <p>Why not end it the moment the last user is gone: a channel's {@code awaitTermination} returns before the channel
 * is done with its loop. The thread in {@code shutdownNow} still cancels the channel's idle timer, a task on the loop,
 * after the channel counted itself terminated, and a call's deferred work (a {@code DelayedStream} draining its
 * {@code request(n)} on the call executor) can reach the loop later still. An ended loop rejects both, as a SEVERE
 * "Panic!" and an uncaught {@code RejectedExecutionException}. grpc-java gives its own default event loops a grace
 * before it ends them too ({@code SharedResourceHolder}'s one-second destroy delay).
 */
final class SharedEventLoops {

  /**
   * How long the group outlives its last user: work its users left queued runs, the next user finds it running.
   * Shorter than grpc-java's second: the late work is a busy executor's, milliseconds late, and a process's threads
   * (which every test's leak check waits for) should not outlive its last connection by much.
   */
  static final Duration LINGER = Duration.ofMillis(250);

  private static final LingeringEventLoops PROCESS = new LingeringEventLoops(LINGER);

  private SharedEventLoops() {}

  static EventLoopGroup acquire() {
    return PROCESS.acquire();
  }

  /** Gives back what {@link #acquire} returned; the group ends a {@link #LINGER} later if nobody took it again. */
  static void release(EventLoopGroup released) {
    PROCESS.release(released);
  }
}
