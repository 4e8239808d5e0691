package io.gopluginjava.core;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The JVM's static dump of a class list into an archive for a class path of jars, as the build's
 * {@link ArchiveTraining} and the tests' {@link DependencyArchiveDump} both make one, and the bounded run of the JVMs
 * around it, each one's output appended to a log.
 */
final class StaticArchiveDump {

  static final long TIMEOUT_SECONDS = 120;

  private StaticArchiveDump() {}

  /**
   * Dumps the classes of {@code classList} that the JDK and {@code classPath} hold into {@code archive}; null when it
   * was written, otherwise why not. A JVM that starts while the archive is being written finds it whole or not at all.
   */
  static String dump(Path classList, String classPath, Path archive, Path log) throws IOException {
    Path partial = archive.resolveSibling(archive.getFileName() + ".partial");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String failure = run("the archive dump", List.of(java, "-Xshare:dump", "-XX:SharedClassListFile=" + classList,
        "-XX:SharedArchiveFile=" + partial, "-cp", classPath), log);
    if (failure != null || !Files.isRegularFile(partial)) {
      Files.deleteIfExists(partial);
      return failure != null ? failure : "the archive dump wrote no archive, see " + log;
    }
    Files.move(partial, archive, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    return null;
  }

  /** Runs {@code command} in the log's directory, its output appended to the log; null when it exited with 0. */
  static String run(String what, List<String> command, Path log) throws IOException {
    Process process = new ProcessBuilder(command).directory(log.getParent().toFile()).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
    try {
      process.getOutputStream().close();
      if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        return what + " did not end within " + TIMEOUT_SECONDS + " s, see " + log;
      }
      return process.exitValue() == 0 ? null : what + " exited with status " + process.exitValue() + ", see " + log;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while " + what + " ran");
    } finally {
      if (process.isAlive()) {
        process.destroyForcibly();
        process.onExit().join();
      }
    }
  }
}
