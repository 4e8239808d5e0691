package io.gopluginjava.core;

import java.io.File;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Makes a {@link DependencyArchive}: a training JVM ({@link DependencyTrainingMain}) lists the classes it loads, then
 * a static dump archives those of them that the JDK and the jars hold. Two test JVMs of a module may ask at once: one
 * makes it, the other waits and uses it. A failed training is noted beside the archive, with its log, and not tried
 * again for the same jars: plugins then start as they would without the archive.
 */
final class DependencyArchiveDump {

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
    String failure = StaticArchiveDump.run("the training", training, log);
    return failure != null ? failure
        : StaticArchiveDump.dump(classList, String.join(File.pathSeparator, jars), archive, log);
  }
}
