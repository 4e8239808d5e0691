package io.gopluginjava.workbook;

/** The processes the workbook starts (Maven, test JVMs, the Go build) end on every path, with whatever they started. */
final class ProcessTree {

  private ProcessTree() {}

  /** Kills a process that is still running, and its descendants first; nothing when it is null or has ended. */
  static void destroy(Process process) {
    if (process != null && process.isAlive()) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
    }
  }
}
