package io.gopluginjava.step04.drills;

import java.io.IOException;

/** Signals the JDK has no method for, sent with kill(1): how the drills make a healthy plugin hang. */
final class Signals {

  private Signals() {}

  /** SIGSTOP: the process freezes, its sockets stay open, nothing answers. Only SIGKILL or SIGCONT end that. */
  static void stop(ProcessHandle process) {
    send("-STOP", process);
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
