package io.gopluginjava.core;

import java.io.File;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Makes a {@link DependencyArchive}: a training JVM ({@link DependencyTrainingMain}) lists the classes it loads, then
 * a static dump archives those of them that the JDK and the jars hold. Two test JVMs of a module may ask at once: one
 * makes it, the other waits and uses it. A failed training is noted beside the archive, with its log, and not tried
 * again for the same jars: plugins then start as they would without the archive.
 */
final class DependencyArchiveDump {

  private static final long TIMEOUT_SECONDS = 120;

  private DependencyArchiveDump() {}

  /** True when {@code archive} is there, made now if need be for {@code jars}, trained on {@code classPath}. */
  static boolean ensure(Path archive, List<String> jars, String classPath) throws IOException {
    if (Files.isRegularFile(archive)) {
      return true;
    }
    Path dir = Files.createDirectories(archive.getParent());
    String name = archive.getFileName().toString();
    String base = name.substring(0, name.length() - ClassDataArchive.EXTENSION.length());
    Path failed = dir.resolve(base + ".failed");
    try (FileChannel lockFile = FileChannel.open(dir.resolve("lock"), StandardOpenOption.CREATE,
        StandardOpenOption.WRITE); FileLock lock = lockFile.lock()) {
      if (Files.isRegularFile(archive)) {
        return true; // the other test JVM made it while this one waited
      }
      String failure = Files.isRegularFile(failed) ? "an earlier training failed (" + failed + ")"
          : make(archive, dir.resolve(base + ".classlist"), dir.resolve(base + ".log"), jars, classPath);
      if (failure == null) {
        return true;
      }
      if (!Files.isRegularFile(failed)) {
        Files.writeString(failed, failure + "\n");
      }
      System.err.println("DependencyArchive: Java plugins start without a class-data archive of their jars: " + failure);
      return false;
    }
  }

  /** Null when the archive was made, otherwise why not. */
  private static String make(Path archive, Path classList, Path log, List<String> jars, String classPath)
      throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Files.deleteIfExists(classList);
    Files.writeString(log, "");
    List<String> training = new ArrayList<>(List.of(java));
    training.addAll(JavaCommand.SHORT_LIVED);
    training.addAll(JavaCommand.QUIET);
    training.addAll(List.of("-XX:DumpLoadedClassList=" + classList, "-cp", classPath,
        DependencyTrainingMain.class.getName()));
    String failure = run("the training", training, log);
    if (failure != null) {
      return failure;
    }
    // A JVM that starts while the archive is being written must find it whole or not at all.
    Path partial = archive.resolveSibling(archive.getFileName() + ".partial");
    failure = run("the dump", List.of(java, "-Xshare:dump", "-XX:SharedClassListFile=" + classList,
        "-XX:SharedArchiveFile=" + partial, "-cp", String.join(File.pathSeparator, jars)), log);
    if (failure != null || !Files.isRegularFile(partial)) {
      Files.deleteIfExists(partial);
      return failure != null ? failure : "the dump wrote no archive, see " + log;
    }
    Files.move(partial, archive, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    return null;
  }

  /** Runs {@code command} in the log's directory, its output appended to the log; null when it exited with 0. */
  private static String run(String what, List<String> command, Path log) throws IOException {
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
