package io.gopluginjava.core;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A plugin's operating-system process, as the host sees it: started with the handshake environment, its first
 * stdout line kept as the handshake, everything after that (and all of stderr) passed on line by line.
 */
public final class PluginProcess implements PluginRunner {

  /** How long the output of a plugin that ended before its handshake may take to be read to its end. */
  private static final Duration OUTPUT_AFTER_EXIT = Duration.ofSeconds(5);

  private final Process process;
  private final PluginLines lines;
  private final Thread stdoutPump;
  private final Thread stderrPump;

  private PluginProcess(String name, Process process, PluginOutput output) {
    this.process = process;
    this.lines = new PluginLines(name, output);
    this.stdoutPump = pump(process.getInputStream(), name, "stdout", lines::stdout, lines::stdoutClosed);
    this.stderrPump = pump(process.getErrorStream(), name, "stderr", lines::stderr, () -> {});
  }

  /**
   * Starts {@code command} with the host's environment plus {@code env}, stdin inherited and stdout/stderr piped.
   *
   * @throws PluginStartException when the command cannot be run at all
   */
  public static PluginProcess start(String name, List<String> command, Map<String, String> env, PluginOutput output) {
    return start(name, command, env, output, true);
  }

  /**
   * {@link #start(String, List, Map, PluginOutput)}, or with {@code hostEnv} false, with {@code env} only, as
   * go-plugin's {@code ClientConfig.SkipHostEnv}. The command is still looked up on the host's {@code PATH}.
   *
   * @throws PluginStartException when the command cannot be run at all
   */
  public static PluginProcess start(String name, List<String> command, Map<String, String> env, PluginOutput output,
      boolean hostEnv) {
    ProcessBuilder builder = new ProcessBuilder(command);
    if (!hostEnv) {
      builder.environment().clear();
    }
    builder.environment().putAll(env);
    builder.redirectInput(ProcessBuilder.Redirect.INHERIT);
    try {
      return new PluginProcess(name, builder.start(), output);
    } catch (IOException e) {
      throw new PluginStartException(PluginStartException.Problem.COULD_NOT_EXECUTE,
          "could not run plugin \"" + name + "\" with command " + command + ": " + e.getMessage(), List.of());
    }
  }

  @Override
  public String awaitHandshakeLine(Duration timeout) {
    return lines.awaitHandshakeLine(timeout, () -> {
      int status = awaitExit(Duration.ofSeconds(2)) ? process.exitValue() : -1;
      // Its last stderr lines say why it ended (a stack trace, a TODO): read them to the end. On a loaded machine the
      // pumps may need more than a second after the exit; the bound is for a child that keeps the pipes open.
      joinPumps(OUTPUT_AFTER_EXIT);
      return status;
    });
  }

  @Override
  public List<String> lastStderrLines() {
    return lines.lastStderrLines();
  }

  @Override
  public ProcessHandle handle() {
    return process.toHandle();
  }

  @Override
  public List<ProcessHandle> descendants() {
    return process.descendants().toList();
  }

  @Override
  public boolean awaitExit(Duration timeout) {
    try {
      return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  @Override
  public OptionalInt exitStatus() {
    return process.isAlive() ? OptionalInt.empty() : OptionalInt.of(process.exitValue());
  }

  @Override
  public void finish(long deadlineNanos, List<ProcessHandle> children) {
    if (!awaitExit(Duration.ofNanos(Math.max(0, deadlineNanos - System.nanoTime())))) {
      destroyForcibly();
    }
    children.forEach(ProcessHandle::destroyForcibly);
    joinPumps(Duration.ofSeconds(2));
  }

  @Override
  public void destroyForcibly() {
    List<ProcessHandle> descendants = process.descendants().toList();
    process.destroyForcibly();
    descendants.forEach(ProcessHandle::destroyForcibly);
    awaitExit(Duration.ofSeconds(2));
  }

  /** Waits for the output threads to drain the pipes, which end once the process and its children are gone. */
  @Override
  public void joinPumps(Duration timeout) {
    try {
      stdoutPump.join(timeout.toMillis());
      stderrPump.join(timeout.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static Thread pump(InputStream stream, String name, String which, Consumer<String> sink, Runnable atEnd) {
    Thread thread = new Thread(() -> {
      try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
        BoundedLines lines = new BoundedLines(reader);
        String line;
        while ((line = lines.next()) != null) {
          sink.accept(line);
        }
      } catch (IOException e) {
        // The pipe broke: the process is gone.
      } finally {
        atEnd.run();
      }
    }, "goplugin-" + which + "-" + name);
    thread.setDaemon(true);
    thread.start();
    return thread;
  }
}
