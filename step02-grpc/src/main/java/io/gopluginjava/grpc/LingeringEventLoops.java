package io.gopluginjava.grpc;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A reference-counted Netty event-loop group that outlives its last user by a linger: the first user makes it, the
 * last one's release plans its end, which stands if nobody acquired it again in the meantime. Ending, it still runs
 * what it is handed until nothing has come for a quiet period, then its threads end.
 *
 * <p>A process that exits while the group lingers ends it at once, from a shutdown hook: HotSpot's exit waits up to
 * 300 ms for threads in native code to block ({@code VM_Exit::wait_for_threads_in_native_to_block}), and an idle loop
 * sits in {@code epoll_wait} or {@code kevent}, so a plugin that exits during the linger would otherwise take that
 * much longer to go. Only while it lingers: a group in use at exit keeps its channels and servers to the end, as
 * before (its hooks, such as the one that removes a plugin's socket, must not race Netty's own close).
 */
final class LingeringEventLoops {

  /** While it ends, the group still runs what arrives, until nothing has for this long. */
  private static final long QUIET_MILLIS = 100;

  /** ... but not longer than this: the loops end even if something keeps knocking. */
  private static final long END_TIMEOUT_MILLIS = 2_000;

  /** How long the exit hook waits for the loops' threads: they end in milliseconds when idle. */
  private static final long EXIT_WAIT_MILLIS = 1_000;

  private static final int THREADS = 2;

  private final Duration linger;
  private EventLoopGroup group;
  private Thread exitHook;
  private int users;
  /** Counts acquisitions: an end planned at one last release stands only if nobody acquired since. */
  private long acquisitions;

  LingeringEventLoops(Duration linger) {
    this.linger = linger;
  }

  synchronized EventLoopGroup acquire() {
    if (group == null) {
      group = new MultiThreadIoEventLoopGroup(THREADS, new DefaultThreadFactory("goplugin-grpc", true),
          NettyTransport.current().ioHandlerFactory());
    }
    dropExitHook();
    users++;
    acquisitions++;
    return group;
  }

  /**
   * Gives back what {@link #acquire} returned. The last user plans the group's end after the linger, on the group
   * itself, and does not wait for it.
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
    Thread hook = new Thread(
        () -> released.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS).awaitUninterruptibly(EXIT_WAIT_MILLIS),
        "goplugin-grpc-exit");
    try {
      Runtime.getRuntime().addShutdownHook(hook);
      exitHook = hook;
    } catch (IllegalStateException exiting) {
      // the process is ending already: nothing left to speed up
    }
    released.schedule(() -> endIfUnused(released, acquired), linger.toMillis(), TimeUnit.MILLISECONDS);
  }

  private synchronized void endIfUnused(EventLoopGroup candidate, long acquiredThen) {
    if (candidate != group || users > 0 || acquisitions != acquiredThen) {
      return; // taken again since: its next last user plans the end anew
    }
    group = null;
    dropExitHook();
    candidate.shutdownGracefully(QUIET_MILLIS, END_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
  }

  private void dropExitHook() {
    if (exitHook == null) {
      return;
    }
    try {
      Runtime.getRuntime().removeShutdownHook(exitHook);
    } catch (IllegalStateException exiting) {
      // the process is exiting: the hook is ending the group already
    }
    exitHook = null;
  }
}
