package io.gopluginjava.core;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.IntSupplier;

/**
 * What a plugin writes, as its host reads it, whatever runs the plugin: the first stdout line is the handshake, every
 * later line (and all of stderr) goes to the host's {@link PluginOutput}, and the last stderr lines are kept for error
 * messages.
 */
public final class PluginLines {

  // Enough for a stack trace and what the JVM prints after it (shutdown hooks, late threads): its first line is the cause.
  private static final int STDERR_LINES_KEPT = 50;
  /** How often a host waiting for a handshake line says so. */
  static final Duration PROGRESS_EVERY = Duration.ofSeconds(5);
  /** The first line a plugin of any language prints when the cookie is wrong. */
  private static final String COOKIE_REFUSAL = MagicCookie.NOT_A_HOST_MESSAGE.lines().findFirst().orElseThrow();
  private static final org.slf4j.Logger FAULTY_OUTPUT = org.slf4j.LoggerFactory.getLogger(PluginLines.class);

  private final String name;
  private final PluginOutput output;
  private final CompletableFuture<String> firstLine = new CompletableFuture<>();
  private final Deque<String> lastStderr = new ArrayDeque<>();

  public PluginLines(String name, PluginOutput output) {
    this.name = name;
    this.output = output;
  }

  /** One line of the plugin's stdout: the first is its handshake line. */
  public void stdout(String line) {
    if (!firstLine.complete(line)) {
      pass(line, "stdout", () -> output.stdout(name, line));
    }
  }

  /** One line of the plugin's stderr. */
  public void stderr(String line) {
    synchronized (lastStderr) {
      if (lastStderr.size() == STDERR_LINES_KEPT) {
        lastStderr.removeFirst();
      }
      lastStderr.addLast(line);
    }
    pass(line, "stderr", () -> output.stderr(name, line));
  }

  /** The plugin's stdout has ended: if no handshake line came, none will. */
  public void stdoutClosed() {
    firstLine.complete(null);
  }

  public List<String> lastStderrLines() {
    synchronized (lastStderr) {
      return new ArrayList<>(lastStderr);
    }
  }

  /**
   * Waits for the handshake line, at most {@code timeout}. When stdout ends first, {@code exitStatus} says how the
   * plugin ended (-1 when that is unknown); it runs once all of stderr has been read.
   *
   * @throws PluginStartException when the plugin ends first or stays silent too long
   */
  public String awaitHandshakeLine(Duration timeout, IntSupplier exitStatus) {
    return awaitHandshakeLine(timeout, exitStatus, PROGRESS_EVERY);
  }

  /** {@link #awaitHandshakeLine(Duration, IntSupplier)}, saying that it waits every {@code progressEvery}. */
  String awaitHandshakeLine(Duration timeout, IntSupplier exitStatus, Duration progressEvery) {
    String line = null;
    long started = System.nanoTime();
    long deadline = started + timeout.toNanos();
    while (true) {
      long left = deadline - System.nanoTime();
      try {
        line = firstLine.get(Math.min(left, progressEvery.toNanos()), TimeUnit.NANOSECONDS);
        break;
      } catch (TimeoutException e) {
        if (System.nanoTime() - deadline >= 0) {
          throw new PluginStartException(PluginStartException.Problem.START_TIMEOUT, "plugin \"" + name
              + "\" printed no handshake line within " + timeout.toMillis() + " ms (the host's start timeout)",
              lastStderrLines());
        }
        // A silent wait of a minute looks like a hang: say what the host waits for, and how long it will.
        output.stderr(name, "(host) waiting for the plugin's handshake line: "
            + seconds(Duration.ofNanos(System.nanoTime() - started)) + " of " + seconds(timeout));
      } catch (ExecutionException | InterruptedException e) {
        throw new IllegalStateException(e);
      }
    }
    if (line == null) {
      int status = exitStatus.getAsInt();
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

  private void pass(String line, String which, Runnable delivery) {
    try {
      delivery.run();
    } catch (RuntimeException e) {
      // A faulty PluginOutput must not stop the reader: an undrained pipe would block the plugin.
      FAULTY_OUTPUT.warn("plugin \"{}\": its {} line was lost: {}", name, which, e.toString());
    }
  }

  private static String seconds(Duration duration) {
    long millis = duration.toMillis();
    return millis < 1000 ? millis + " ms" : Math.round(millis / 1000.0) + " s";
  }
}
