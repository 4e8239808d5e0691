package io.gopluginjava.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;

/**
 * Signals the JDK has no method for, sent with kill(1): how tests make a healthy plugin hang. A stop is not
 * immediate: {@code kill} returns once the signal is queued, and a thread that is runnable keeps running until the
 * scheduler gives it a CPU to stop on, long enough to answer a call on a busy machine. So {@link #stop} waits until
 * every thread of the process has stopped.
 */
public final class Signals {

  private static final Path PROC = Path.of("/proc");

  private Signals() {}

  /** SIGSTOP, then waits until the process is frozen: its sockets stay open and nothing answers. */
  public static void stop(ProcessHandle process) {
    send("-STOP", process);
    if (!Await.until(() -> stopped(process.pid()), Duration.ofSeconds(10))) {
      throw new IllegalStateException("process " + process.pid() + " was sent SIGSTOP but is not stopped after 10 s");
    }
  }

  /** SIGCONT: a stopped process runs again. */
  public static void resume(ProcessHandle process) {
    send("-CONT", process);
  }

  /** Whether every thread of the process is stopped: {@code /proc} on Linux, {@code ps} elsewhere (macOS). */
  static boolean stopped(long pid) {
    Path tasks = PROC.resolve(Long.toString(pid)).resolve("task");
    if (Files.isDirectory(tasks)) {
      try (Stream<Path> threads = Files.list(tasks)) {
        return threads.allMatch(thread -> state(thread.resolve("stat")) == 'T');
      } catch (IOException e) {
        return false;
      }
    }
    return ps(pid).startsWith("T");
  }

  /** The state letter of a {@code /proc/.../stat} file: the first field after the command in parentheses. */
  private static char state(Path stat) {
    try {
      String text = Files.readString(stat, StandardCharsets.US_ASCII);
      return text.charAt(text.lastIndexOf(')') + 2);
    } catch (IOException | IndexOutOfBoundsException e) {
      return '?';
    }
  }

  private static String ps(long pid) {
    try {
      Process ps = new ProcessBuilder("ps", "-o", "stat=", "-p", Long.toString(pid)).start();
      String stat = new String(ps.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).strip();
      ps.waitFor();
      return stat;
    } catch (IOException e) {
      return "";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "";
    }
  }

  private static void send(String signal, ProcessHandle process) {
    try {
      Process kill = new ProcessBuilder("kill", signal, String.valueOf(process.pid())).inheritIO().start();
      if (kill.waitFor() != 0) {
        throw new IllegalStateException("kill " + signal + " " + process.pid() + " exited with " + kill.exitValue());
      }
    } catch (IOException e) {
      throw new IllegalStateException("could not run kill " + signal + " " + process.pid(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while sending " + signal, e);
    }
  }
}
