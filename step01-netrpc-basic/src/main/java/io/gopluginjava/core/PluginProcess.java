package io.gopluginjava.core;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * A plugin's operating-system process, as the host sees it: started with the handshake environment, its first
 * stdout line kept as the handshake, everything after that (and all of stderr) passed on line by line.
 */
public final class PluginProcess {

  private static final int STDERR_LINES_KEPT = 20;
  /** The first line a plugin of any language prints when the cookie is wrong. */
  private static final String COOKIE_REFUSAL = MagicCookie.NOT_A_HOST_MESSAGE.lines().findFirst().orElseThrow();
  private static final org.slf4j.Logger FAULTY_OUTPUT = org.slf4j.LoggerFactory.getLogger(PluginProcess.class);

  private final String name;
  private final Process process;
  private final CompletableFuture<String> firstLine = new CompletableFuture<>();
  private final Deque<String> lastStderr = new ArrayDeque<>();
  private final Thread stdoutPump;
  private final Thread stderrPump;

  private PluginProcess(String name, Process process, PluginOutput output) {
    this.name = name;
    this.process = process;
    this.stdoutPump = pump(process.getInputStream(), "stdout", line -> {
      if (!firstLine.complete(line)) {
        output.stdout(name, line);
      }
    }, () -> firstLine.complete(null));
    this.stderrPump = pump(process.getErrorStream(), "stderr", line -> {
      synchronized (lastStderr) {
        if (lastStderr.size() == STDERR_LINES_KEPT) {
          lastStderr.removeFirst();
        }
        lastStderr.addLast(line);
      }
      output.stderr(name, line);
    }, () -> {});
  }

  /**
   * Starts {@code command} with the host's environment plus {@code env}, stdin inherited and stdout/stderr piped.
   *
   * @throws PluginStartException when the command cannot be run at all
   */
  public static PluginProcess start(String name, List<String> command, Map<String, String> env, PluginOutput output) {
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().putAll(env);
    builder.redirectInput(ProcessBuilder.Redirect.INHERIT);
    try {
      return new PluginProcess(name, builder.start(), output);
    } catch (IOException e) {
      throw new PluginStartException(PluginStartException.Problem.COULD_NOT_EXECUTE,
          "could not run plugin \"" + name + "\" with command " + command + ": " + e.getMessage(), List.of());
    }
  }

  /**
   * Waits for the handshake line, at most {@code timeout}.
   *
   * @throws PluginStartException when the plugin exits first or stays silent too long
   */
  public String awaitHandshakeLine(Duration timeout) {
    String line;
    try {
      line = firstLine.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      throw new PluginStartException(PluginStartException.Problem.START_TIMEOUT,
          "plugin \"" + name + "\" printed no handshake line within " + timeout.toMillis() + " ms", lastStderrLines());
    } catch (ExecutionException | InterruptedException e) {
      throw new IllegalStateException(e);
    }
    if (line == null) {
      int status = awaitExit(Duration.ofSeconds(2)) ? process.exitValue() : -1;
      joinPumps(Duration.ofSeconds(1));
      if (lastStderrLines().contains(COOKIE_REFUSAL)) {
        throw new PluginStartException(PluginStartException.Problem.COOKIE_REFUSED,
            "plugin \"" + name + "\" exited with status " + status + ": it refused the host's magic cookie (it printed"
                + " go-plugin's \"This binary is a plugin\" message); host and plugin must use the same"
                + " HandshakeConfig", lastStderrLines());
      }
      throw new PluginStartException(PluginStartException.Problem.EXITED_BEFORE_HANDSHAKE,
          "plugin \"" + name + "\" " + (status >= 0 ? "exited with status " + status : "closed its stdout")
              + " before printing its handshake line", lastStderrLines());
    }
    return line;
  }

  public List<String> lastStderrLines() {
    synchronized (lastStderr) {
      return new ArrayList<>(lastStderr);
    }
  }

  public ProcessHandle handle() {
    return process.toHandle();
  }

  public boolean awaitExit(Duration timeout) {
    try {
      return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** The exit status, or empty while it runs. */
  public OptionalInt exitStatus() {
    return process.isAlive() ? OptionalInt.empty() : OptionalInt.of(process.exitValue());
  }

  /**
   * The end of every kill: waits for the exit until {@code deadlineNanos} (a {@link System#nanoTime} value), then
   * destroys the process and {@code children} (taken before it was asked to exit), and drains the pipes.
   */
  public void finish(long deadlineNanos, List<ProcessHandle> children) {
    if (!awaitExit(Duration.ofNanos(Math.max(0, deadlineNanos - System.nanoTime())))) {
      destroyForcibly();
    }
    children.forEach(ProcessHandle::destroyForcibly);
    joinPumps(Duration.ofSeconds(2));
  }

  /** Kills the process and everything it started, without asking. */
  public void destroyForcibly() {
    List<ProcessHandle> descendants = process.descendants().toList();
    process.destroyForcibly();
    descendants.forEach(ProcessHandle::destroyForcibly);
    awaitExit(Duration.ofSeconds(2));
  }

  /** Waits for the output threads to drain the pipes, which end once the process and its children are gone. */
  public void joinPumps(Duration timeout) {
    try {
      stdoutPump.join(timeout.toMillis());
      stderrPump.join(timeout.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private Thread pump(InputStream stream, String which, Consumer<String> lines, Runnable atEnd) {
    Thread thread = new Thread(() -> {
      try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
        String line;
        while ((line = reader.readLine()) != null) {
          try {
            lines.accept(line);
          } catch (RuntimeException e) {
            // A faulty PluginOutput must not stop the pump: an undrained pipe would block the plugin.
            FAULTY_OUTPUT.warn("plugin \"{}\": its {} line was lost: {}", name, which, e.toString());
          }
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
