package io.gopluginjava.grpc;

import java.util.concurrent.atomic.AtomicBoolean;

/** What a server or channel gives back when it has terminated: run by whichever of its waiters sees that first. */
final class Once implements Runnable {

  /** Something that returns once its server or channel has terminated. */
  interface Termination {
    void await() throws InterruptedException;
  }

  private final Runnable action;
  private final AtomicBoolean done = new AtomicBoolean();

  Once(Runnable action) {
    this.action = action;
  }

  @Override
  public void run() {
    if (done.compareAndSet(false, true)) {
      action.run();
    }
  }

  /** Runs {@code then} on a daemon thread of its own once {@code termination} returns. */
  static void afterTermination(Termination termination, String threadName, Runnable then) {
    Thread closer = new Thread(() -> {
      try {
        termination.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      then.run();
    }, threadName);
    closer.setDaemon(true);
    closer.start();
  }
}
