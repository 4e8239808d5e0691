package io.gopluginjava.core;

/**
 * A plugin ignores SIGINT, as go-plugin's do ({@code server.go}, {@code Serve}: "Eat the interrupts"): Ctrl-C in a
 * terminal reaches the whole foreground process group, the host and its plugins alike, and the host decides when its
 * plugins end (it asks them to quit, then kills what is left). Without this a JVM plugin would die at once, before its
 * host could end it. SIGTERM still ends it, with its socket removed.
 */
public final class Interrupts {

  private Interrupts() {}

  /** From now on this process ignores SIGINT; only a plugin that owns its process should call it. */
  public static void ignore() {
    try {
      sun.misc.Signal.handle(new sun.misc.Signal("INT"), signal -> { });
    } catch (IllegalArgumentException | UnsupportedOperationException noSuchSignal) {
      // A platform without SIGINT, or a JVM that keeps it (-Xrs): nothing to ignore.
    }
  }
}
