package io.gopluginjava.core;

import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;

/**
 * A started plugin as its host sees it, like go-plugin's {@code runner.Runner}: an operating-system process
 * ({@link PluginProcess}) unless the host's config names another {@link PluginLauncher}, such as the test harness
 * {@code io.gopluginjava.testing.InJvmPlugin}, which serves the plugin in the host's own JVM.
 */
public interface PluginRunner {

  /**
   * Waits for the handshake line, at most {@code timeout}.
   *
   * @throws PluginStartException when the plugin ends first or stays silent too long
   */
  String awaitHandshakeLine(Duration timeout);

  /** The process the plugin runs in. */
  ProcessHandle handle();

  /** The processes the plugin started: a kill takes them before it asks the plugin to exit, and ends what is left. */
  List<ProcessHandle> descendants();

  /** True once the plugin has ended, false if it still runs after {@code timeout}. */
  boolean awaitExit(Duration timeout);

  /** The exit status, or empty while it runs. */
  OptionalInt exitStatus();

  /** The last lines the plugin wrote on stderr. */
  List<String> lastStderrLines();

  /**
   * The end of every kill: waits for the exit until {@code deadlineNanos} (a {@link System#nanoTime} value), then
   * destroys the plugin and {@code children} (taken before it was asked to exit), and drains its output.
   */
  void finish(long deadlineNanos, List<ProcessHandle> children);

  /** Ends the plugin and everything it started, without asking. */
  void destroyForcibly();

  /** Waits for the plugin's output to be read to its end, which comes once the plugin is gone. */
  void joinPumps(Duration timeout);
}
