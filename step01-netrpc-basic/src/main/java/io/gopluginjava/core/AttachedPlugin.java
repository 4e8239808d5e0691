package io.gopluginjava.core;

import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A plugin this host reattached to: not its child, so no exit status and no stderr, only a pid to watch and end, as
 * go-plugin's {@code pidWait}.
 */
final class AttachedPlugin implements PluginRunner {

  private final ProcessHandle process;
  private final Duration exitGrace;
  private volatile boolean exitedByItself;

  AttachedPlugin(ProcessHandle process, Duration exitGrace) {
    this.process = process;
    this.exitGrace = exitGrace;
  }

  @Override
  public String awaitHandshakeLine(Duration timeout) {
    throw new IllegalStateException("a reattached plugin wrote its handshake line to the host that started it");
  }

  @Override
  public ProcessHandle handle() {
    return process;
  }

  @Override
  public List<ProcessHandle> descendants() {
    return process.descendants().toList();
  }

  @Override
  public boolean awaitExit(Duration timeout) {
    try {
      process.onExit().get(timeout.toNanos(), TimeUnit.NANOSECONDS);
      return true;
    } catch (TimeoutException | ExecutionException e) {
      return !process.isAlive();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return !process.isAlive();
    }
  }

  /** Always empty: only a parent reads its child's exit status. */
  @Override
  public OptionalInt exitStatus() {
    return OptionalInt.empty();
  }

  @Override
  public List<String> lastStderrLines() {
    return List.of();
  }

  @Override
  public void finish(long deadlineNanos, List<ProcessHandle> children) {
    exitedByItself = awaitExit(Duration.ofNanos(Math.max(0, deadlineNanos - System.nanoTime())));
    if (!exitedByItself) {
      destroyForcibly();
    }
    children.forEach(ProcessHandle::destroyForcibly);
  }

  /** True when {@link #finish} saw the plugin exit before the deadline. */
  boolean exitedByItself() {
    return exitedByItself;
  }

  @Override
  public void destroyForcibly() {
    process.destroyForcibly();
    process.onExit().completeOnTimeout(process, exitGrace.toMillis(), TimeUnit.MILLISECONDS).join();
  }

  @Override
  public void joinPumps(Duration timeout) {
    // no pipes: the plugin's output goes to the host that started it
  }
}
