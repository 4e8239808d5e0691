package io.gopluginjava.grpc;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

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
 * {@code request(n)} on the call executor) can still reach the loop later. An ended loop rejects both, as a SEVERE
 * "Panic!" and an uncaught {@code RejectedExecutionException}. grpc-java gives its own default event loops the same
 * grace before it ends them ({@code SharedResourceHolder}'s one-second destroy delay).
 */
final class SharedEventLoops {

  /** How long the group outlives its last user: work its users left queued runs, the next user finds it running. */
  static final Duration LINGER = Duration.ofSeconds(1);

  /** While it ends, the group still runs what arrives, until nothing has for this long. */
  private static final long QUIET_MILLIS = 100;

  /** ... but not longer than this: a process's last loops end even if something keeps knocking. */
  private static final long END_TIMEOUT_MILLIS = 2_000;

  private static final int THREADS = 2;

  /** The group of this process, the one {@link Transport} uses. */
  static final SharedEventLoops PROCESS = new SharedEventLoops(LINGER);

  private final Duration linger;
  private EventLoopGroup group;
  private int users;
  /** Counts acquisitions: an end planned at one last release stands only if nobody acquired since. */
  private long acquisitions;

  SharedEventLoops(Duration linger) {
    this.linger = linger;
  }

  synchronized EventLoopGroup acquire() {
    if (group == null) {
      group = new MultiThreadIoEventLoopGroup(THREADS, new DefaultThreadFactory("goplugin-grpc", true),
          NettyTransport.current().ioHandlerFactory());
    }
    users++;
    acquisitions++;
    return group;
  }

  /**
   * Gives back what {@link #acquire} returned. The last user plans the group's end after the linger, on the
   * group itself, and does not wait for it.
   */
  synchronized void release(EventLoopGroup released) {
    if (released != group || users == 0) {
      throw new IllegalStateException("released an event-loop group this process no longer shares (" + users
          + " users left): give back each acquire() once, with the group it returned");
    }
    if (--users > 0) {
      return;
    }
    long acquired = acquisitions;
    released.schedule(() -> endIfUnused(released, acquired), linger.toMillis(), TimeUnit.MILLISECONDS);
  }

  private synchronized void endIfUnused(EventLoopGroup candidate, long acquiredThen) {
    if (candidate != group || users > 0 || acquisitions != acquiredThen) {
      return; // taken again since: its next last user plans the end anew
    }
    group = null;
    candidate.shutdownGracefully(QUIET_MILLIS, END_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
  }
}
