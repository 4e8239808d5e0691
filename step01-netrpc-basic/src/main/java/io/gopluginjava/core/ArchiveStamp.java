package io.gopluginjava.core;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarFile;

/**
 * What a jar's {@link ClassDataArchive} was made from, kept beside it as {@code NAME.jsa.stamp}: the JDK, the training
 * runs, the jar's bytes, the size and time of each jar its manifest puts on the class path, and the time the jar had
 * when the archive was dumped. The JVM accepts an archive only for jars of the very size and time it was dumped with,
 * and a build that changed nothing still writes the one jar again (the shade plugin does, byte for byte the same):
 * when everything else matches, {@link ArchiveTraining} puts the jar's old time back instead of training again, which
 * saves a step 8 to 10 s of every {@code mvn package} and {@code ./tour}.
 */
final class ArchiveStamp {

  private static final String JAR_TIME = "jar-time ";

  private final Path jar;
  private final List<String> madeFrom;

  private ArchiveStamp(Path jar, List<String> madeFrom) {
    this.jar = jar;
    this.madeFrom = madeFrom;
  }

  static ArchiveStamp of(Path jar, List<String> trainingArguments) throws IOException {
    List<String> lines = new ArrayList<>();
    lines.add("jdk " + System.getProperty("java.home") + " " + System.getProperty("java.vm.version"));
    lines.add("training " + String.join(" ", trainingArguments));
    lines.add("jar " + jar + " " + Sha256.hexOfFile(jar));
    for (Path entry : manifestClassPath(jar)) {
      lines.add("class-path " + entry + " " + (Files.isRegularFile(entry)
          ? Files.size(entry) + " " + Files.getLastModifiedTime(entry).toMillis() : "missing"));
    }
    return new ArchiveStamp(jar, List.copyOf(lines));
  }

  static Path beside(Path archive) {
    return archive.resolveSibling(archive.getFileName() + ".stamp");
  }

  /**
   * True, and the jar's time set back to the one the archive was dumped with, when {@code archive} was made from
   * exactly this; false when anything differs or either file is missing or unreadable.
   */
  boolean restoreIfCurrent(Path archive) throws IOException {
    Path stamp = beside(archive);
    if (!Files.isRegularFile(archive) || !Files.isRegularFile(stamp)) {
      return false;
    }
    List<String> recorded = Files.readAllLines(stamp);
    if (recorded.size() != madeFrom.size() + 1 || !recorded.subList(0, madeFrom.size()).equals(madeFrom)
        || !recorded.get(madeFrom.size()).startsWith(JAR_TIME)) {
      return false;
    }
    long millis;
    try {
      millis = Long.parseLong(recorded.get(madeFrom.size()).substring(JAR_TIME.length()));
    } catch (NumberFormatException e) {
      return false;
    }
    Files.setLastModifiedTime(jar, FileTime.fromMillis(millis));
    return true;
  }

  /** Records, after a dump, what the archive was made from and the jar's time then. */
  void write(Path archive) throws IOException {
    List<String> lines = new ArrayList<>(madeFrom);
    lines.add(JAR_TIME + Files.getLastModifiedTime(jar).toMillis());
    Files.write(beside(archive), lines);
  }

  private static List<Path> manifestClassPath(Path jar) throws IOException {
    List<Path> entries = new ArrayList<>();
    try (JarFile file = new JarFile(jar.toFile())) {
      String classPath = file.getManifest() == null ? null
          : file.getManifest().getMainAttributes().getValue("Class-Path");
      if (classPath != null) {
        for (String entry : classPath.trim().split("\\s+")) {
          if (!entry.isEmpty()) {
            entries.add(jar.resolveSibling(entry).normalize());
          }
        }
      }
    }
    return entries;
  }
}
