package io.gopluginjava.core;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The class-data archive of the jars of a class path that also has directories of classes, as a test JVM's or the
 * workbook's: a plugin started on it maps the JDK's and the jars' classes it needs, and reads the classes of the
 * directories, which a reader edits, as they are. The archive holds no class of a directory (a JDK 17 archive cannot),
 * so an edit never makes it stale: it depends on the JDK and the jars only, and is made once per jar set
 * ({@link DependencyArchiveDump}) under the {@code target} directory of the class path's first directory, when a
 * directory registers a {@link DependencyTraining}. The plugin's class path is then the jars first, in their order,
 * and the directories after them: the JVM maps an archive only for a class path that starts with the one it was
 * made for. Only library jars move (not one a build made in a {@code target} directory): the directories' classes
 * and resources still win over every jar that followed them. A class path of jars keeps its {@link ClassDataArchive}.
 *
 * @param file the archive
 * @param classPath the class path to start the plugin on: the jars, then the rest
 */
public record DependencyArchive(Path file, String classPath) {

  /** Where a step's tests register their trainings: in their resources, never in a jar the build ships. */
  static final String REGISTRATION = "META-INF/services/" + DependencyTraining.class.getName();
  static final String DIRECTORY = "dependency-archive";

  private static final Map<String, Optional<DependencyArchive>> FOUND = new HashMap<>();

  /** The archive for {@code classPath}, made on its first use in this JVM if need be; none if it cannot have one. */
  public static synchronized Optional<DependencyArchive> of(String classPath) {
    return FOUND.computeIfAbsent(classPath, DependencyArchive::findOrMake);
  }

  /** The same without this JVM's memory: looks at the files each time. */
  static Optional<DependencyArchive> findOrMake(String classPath) {
    List<String> jars = new ArrayList<>();
    List<String> rest = new ArrayList<>();
    List<Path> directories = new ArrayList<>();
    for (String entry : classPath.split(File.pathSeparator)) {
      Path path = Path.of(entry);
      if (entry.isEmpty()) {
        continue;
      } else if (Files.isDirectory(path)) {
        directories.add(path.toAbsolutePath().normalize());
        rest.add(entry);
      } else if (Files.isRegularFile(path) && !builtHere(path)) {
        jars.add(path.toAbsolutePath().normalize().toString());
      } else {
        rest.add(entry); // missing: the JVM skips it, and after the jars it cannot spoil the archive's prefix
      }
    }
    if (jars.isEmpty() || directories.isEmpty()
        || directories.stream().noneMatch(dir -> Files.isRegularFile(dir.resolve(REGISTRATION)))) {
      return Optional.empty();
    }
    Path target = directories.get(0).getParent();
    if (target == null || !target.getFileName().toString().equals("target")) {
      return Optional.empty(); // not a build's output directory: nowhere we may write
    }
    List<String> ordered = new ArrayList<>(jars);
    ordered.addAll(rest);
    String runClassPath = String.join(File.pathSeparator, ordered);
    try {
      Path file = target.resolve(DIRECTORY).resolve(key(jars) + ClassDataArchive.EXTENSION);
      return DependencyArchiveDump.ensure(file, jars, runClassPath)
          ? Optional.of(new DependencyArchive(file, runClassPath)) : Optional.empty();
    } catch (IOException e) {
      System.err.println("DependencyArchive: Java plugins start without a class-data archive: " + e);
      return Optional.empty();
    }
  }

  /**
   * A jar in a build's {@code target} directory (an earlier module of the reactor, packaged by {@code mvn verify}):
   * it keeps its place behind the directories before it, whose classes and resources must still win over its own
   * (step02's {@code simplelogger.properties} over step01's jar's). Only the libraries move ahead of the directories.
   */
  private static boolean builtHere(Path jar) {
    for (Path parent = jar.toAbsolutePath().getParent(); parent != null; parent = parent.getParent()) {
      if (parent.getFileName() != null && parent.getFileName().toString().equals("target")) {
        return true;
      }
    }
    return false;
  }

  /** Names the archive of these jars on this JDK: a jar rebuilt, added or moved, or another JDK, gives another. */
  static String key(List<String> jars) throws IOException {
    StringBuilder state = new StringBuilder(System.getProperty("java.home")).append('\n')
        .append(System.getProperty("java.vm.version")).append('\n');
    for (String jar : jars) {
      Path path = Path.of(jar);
      state.append(jar).append(' ').append(Files.size(path)).append(' ')
          .append(Files.getLastModifiedTime(path).toMillis()).append('\n');
    }
    return Sha256.hex(state.toString()).substring(0, 16);
  }
}
