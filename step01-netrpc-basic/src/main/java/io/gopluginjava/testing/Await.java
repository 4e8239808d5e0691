package io.gopluginjava.testing;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waits for a condition with a deadline: the tests' only way to wait for something another process does. */
public final class Await {

  private Await() {}

  /** True as soon as {@code condition} holds, false if it still does not after {@code timeout}. */
  public static boolean until(BooleanSupplier condition, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        return false;
      }
      try {
        Thread.sleep(10); // a poll interval, not a synchronisation: the deadline above is what bounds the wait
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    return true;
  }
}
