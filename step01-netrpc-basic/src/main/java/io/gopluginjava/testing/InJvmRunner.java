package io.gopluginjava.testing;

import io.gopluginjava.core.PluginLines;
import io.gopluginjava.core.PluginOutput;
import io.gopluginjava.core.PluginRunner;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** A plugin's {@code serve} running on a thread of this JVM, seen by its host as {@link PluginRunner}. */
final class InJvmRunner implements PluginRunner {

  /** What a process killed with SIGKILL exits with: 128 + 9. */
  static final int DESTROYED = 137;

  /** Every plugin serving in this JVM, so that a test that leaves one running can be told, and the plugin ended. */
  private static final Set<InJvmRunner> RUNNING = ConcurrentHashMap.newKeySet();

  private final String name;
  private final PluginLines lines;
  private final CompletableFuture<Integer> status = new CompletableFuture<>();
  private final Thread thread;
  private volatile boolean destroyed;

  private InJvmRunner(String name, InJvmPlugin.Serve serve, Map<String, String> env, PluginOutput output) {
    this.name = name;
    this.lines = new PluginLines(name, output);
    PrintStream stdout = new PrintStream(new LineOutputStream(lines::stdout), true, StandardCharsets.UTF_8);
    PrintStream stderr = new PrintStream(new LineOutputStream(lines::stderr), true, StandardCharsets.UTF_8);
    this.thread = new Thread(() -> {
      int exit;
      try {
        exit = serve.serve(env, stdout, stderr);
      } catch (RuntimeException | Error e) {
        // What a JVM does with an exception nobody caught in main: its stack trace on stderr, then status 1.
        StringWriter trace = new StringWriter();
        e.printStackTrace(new PrintWriter(trace));
        stderr.print(trace);
        exit = 1;
      }
      stdout.close();
      stderr.close();
      lines.stdoutClosed();
      RUNNING.remove(this);
      status.complete(destroyed ? DESTROYED : exit);
    }, "goplugin-in-jvm-" + name);
    thread.setDaemon(true);
  }

  static InJvmRunner start(String name, InJvmPlugin.Serve serve, Map<String, String> env, PluginOutput output) {
    InJvmRunner runner = new InJvmRunner(name, serve, env, output);
    RUNNING.add(runner);
    runner.thread.start();
    return runner;
  }

  /** Ends every plugin still serving in this JVM; returns their names. */
  static List<String> destroyAll() {
    List<InJvmRunner> left = List.copyOf(RUNNING);
    left.forEach(InJvmRunner::destroyForcibly);
    return left.stream().map(runner -> runner.name).sorted().toList();
  }

  /** True once no plugin serves in this JVM, false if one still does after {@code timeout}. */
  static boolean awaitNoneRunning(Duration timeout) {
    return Await.until(RUNNING::isEmpty, timeout);
  }

  @Override
  public String awaitHandshakeLine(Duration timeout) {
    return lines.awaitHandshakeLine(timeout, status::join); // stdout closes only once serve has returned
  }

  /** This JVM: the plugin has no process of its own. */
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
    try {
      status.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      return true;
    } catch (TimeoutException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } catch (ExecutionException e) {
      throw new IllegalStateException(e);
    }
  }

  /** What {@code serve} returned once it has, or {@value #DESTROYED} when it returned because it was destroyed. */
  @Override
  public OptionalInt exitStatus() {
    return status.isDone() ? OptionalInt.of(status.join()) : OptionalInt.empty();
  }

  @Override
  public List<String> lastStderrLines() {
    return lines.lastStderrLines();
  }

  @Override
  public void finish(long deadlineNanos, List<ProcessHandle> children) {
    if (!awaitExit(Duration.ofNanos(Math.max(0, deadlineNanos - System.nanoTime())))) {
      destroyForcibly();
    }
  }

  /**
   * Interrupts {@code serve}, which then stops serving and returns: the nearest a thread comes to SIGKILL. Its status
   * is then {@value #DESTROYED}, as a process's, so a host can tell a plugin it ended from one that quit by itself.
   */
  @Override
  public void destroyForcibly() {
    destroyed = !status.isDone();
    thread.interrupt();
    awaitExit(Duration.ofSeconds(2));
  }

  @Override
  public void joinPumps(Duration timeout) {
    try {
      thread.join(timeout.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
