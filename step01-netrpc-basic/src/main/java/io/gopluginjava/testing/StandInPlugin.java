package io.gopluginjava.testing;

import io.gopluginjava.core.PluginRunner;
import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;

/**
 * A {@link PluginRunner} with no process behind it, for tests of how a host explains a failed call: a plugin that is
 * exiting with a status, or one that still runs. Its exit is seen only once the host waits for it, as when the
 * connection breaks a moment before the host reaps the process. Its pid is this JVM's; its stderr one panic line.
 */
public final class StandInPlugin implements PluginRunner {

  private final Integer status;
  private boolean exitSeen;

  private StandInPlugin(Integer status) {
    this.status = status;
  }

  /** A plugin that is exiting with {@code status}. */
  public static StandInPlugin exiting(int status) {
    return new StandInPlugin(status);
  }

  /** A plugin that keeps running. */
  public static StandInPlugin running() {
    return new StandInPlugin(null);
  }

  @Override
  public String awaitHandshakeLine(Duration timeout) {
    throw new UnsupportedOperationException("a stand-in plugin prints no handshake line");
  }

  @Override
  public ProcessHandle handle() {
    return ProcessHandle.current();
  }

  @Override
  public List<ProcessHandle> descendants() {
    return List.of();
  }

  @Override
  public boolean awaitExit(Duration timeout) {
    exitSeen = status != null;
    return exitSeen;
  }

  @Override
  public OptionalInt exitStatus() {
    return exitSeen ? OptionalInt.of(status) : OptionalInt.empty();
  }

  @Override
  public List<String> lastStderrLines() {
    return List.of("panic: out of luck");
  }

  @Override
  public void finish(long deadlineNanos, List<ProcessHandle> children) {}

  @Override
  public void destroyForcibly() {}

  @Override
  public void joinPumps(Duration timeout) {}
}
