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
import java.util.LinkedHashMap;
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
final class PluginProcess {

  private static final int STDERR_LINES_KEPT = 20;

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

  static PluginProcess start(ClientConfig config) {
    ProcessBuilder builder = new ProcessBuilder(config.command());
    builder.environment().putAll(environment(config));
    builder.redirectInput(ProcessBuilder.Redirect.INHERIT);
    try {
      return new PluginProcess(config.name(), builder.start(), config.output());
    } catch (IOException e) {
      throw new PluginStartException(PluginStartException.Problem.COULD_NOT_EXECUTE,
          "could not run plugin \"" + config.name() + "\" with command " + config.command() + ": " + e.getMessage(),
          List.of());
    }
  }

  // tag::plugin-environment[]
  /** What a host adds to its own environment for the plugin, as go-plugin's {@code client.go} does. */
  static Map<String, String> environment(ClientConfig config) {
    Map<String, String> env = new LinkedHashMap<>();
    HandshakeConfig handshake = config.handshake();
    env.put(handshake.magicCookieKey(), handshake.magicCookieValue());
    env.put(PluginListener.MIN_PORT_ENV, String.valueOf(PluginListener.DEFAULT_MIN_PORT));
    env.put(PluginListener.MAX_PORT_ENV, String.valueOf(PluginListener.DEFAULT_MAX_PORT));
    env.put(ProtocolVersions.ENV, ProtocolVersions.format(config.versions()));
    if (config.network().equals("tcp")) {
      env.put(PluginServer.NETWORK_ENV, "tcp");
    }
    env.putAll(config.env());
    return env;
  }
  // end::plugin-environment[]

  /**
   * Waits for the handshake line, at most {@code timeout}.
   *
   * @throws PluginStartException when the plugin exits first or stays silent too long
   */
  String awaitHandshakeLine(Duration timeout) {
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
      throw new PluginStartException(PluginStartException.Problem.EXITED_BEFORE_HANDSHAKE,
          "plugin \"" + name + "\" " + (status >= 0 ? "exited with status " + status : "closed its stdout")
              + " before printing its handshake line", lastStderrLines());
    }
    return line;
  }

  List<String> lastStderrLines() {
    synchronized (lastStderr) {
      return new ArrayList<>(lastStderr);
    }
  }

  ProcessHandle handle() {
    return process.toHandle();
  }

  boolean awaitExit(Duration timeout) {
    try {
      return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** The exit status, or empty while it runs. */
  OptionalInt exitStatus() {
    return process.isAlive() ? OptionalInt.empty() : OptionalInt.of(process.exitValue());
  }

  /** Kills the process and everything it started, without asking. */
  void destroyForcibly() {
    List<ProcessHandle> descendants = process.descendants().toList();
    process.destroyForcibly();
    descendants.forEach(ProcessHandle::destroyForcibly);
    awaitExit(Duration.ofSeconds(2));
  }

  /** Waits for the output threads to drain the pipes, which end once the process and its children are gone. */
  void joinPumps(Duration timeout) {
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
          lines.accept(line);
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
