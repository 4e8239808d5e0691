package io.gopluginjava.grpc;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * The one Netty event-loop group of this process, shared by every server and channel {@link Transport} makes: the
 * first user makes it, the last one to give it back ends it and its threads, so a process that no longer serves or
 * dials anything has none left. One group instead of one per server and channel saves a plugin and its host a
 * group's start each (threads, an epoll or kqueue instance or a selector, its wake-up descriptors) on the way to the
 * first call. Its loops start lazily, so two cost no more than one until two connections need them.
 */
final class SharedEventLoops {

  private static final int THREADS = 2;

  private static EventLoopGroup group;
  private static int users;

  private SharedEventLoops() {}

  static synchronized EventLoopGroup acquire() {
    if (users++ == 0) {
      group = new MultiThreadIoEventLoopGroup(THREADS, new DefaultThreadFactory("goplugin-grpc", true),
          NettyTransport.current().ioHandlerFactory());
    }
    return group;
  }

  /** Gives back what {@link #acquire} returned; the last user waits until the threads have ended. */
  static void release(EventLoopGroup released) {
    Future<?> ending;
    synchronized (SharedEventLoops.class) {
      if (released != group) {
        throw new IllegalStateException("released an event-loop group this process no longer shares");
      }
      if (--users > 0) {
        return;
      }
      group = null;
      ending = released.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
    }
    ending.syncUninterruptibly();
  }
}
