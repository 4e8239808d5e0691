package io.gopluginjava.core;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The class-data sharing archive of a jar class path: {@code NAME.jsa} beside the class path's first entry
 * {@code NAME.jar}, made by the build ({@link ArchiveTraining}). A JVM started with it maps the classes a plugin and
 * its host load, already parsed and verified, instead of reading them from 40 jars: that halves a plugin's start.
 *
 * <p>Nothing here checks that the archive fits: the JVM does, and uses it only when it was made by this same JVM for
 * this class path from these very jars (sizes and times), otherwise it starts without it and says so only at log
 * level info. A class path that starts with directories, as in tests, has none here: its jars may have a
 * {@link DependencyArchive}.
 */
public final class ClassDataArchive {

  public static final String EXTENSION = ".jsa";

  /**
   * {@code -Xshare:auto} (the default, spelled out) starts without the archive when it does not fit. The checksum
   * check costs a few milliseconds and is what keeps a damaged archive from crashing the JVM: its header is
   * validated anyway, but a byte changed in its middle would otherwise be mapped and run.
   */
  static final List<String> CHECKS = List.of("-Xshare:auto", "-XX:+VerifySharedSpaces");

  private ClassDataArchive() {}

  /** The archive that belongs to {@code classPath}, when its first entry is a jar and the archive is beside it. */
  public static Optional<Path> of(String classPath) {
    String first = classPath.split(File.pathSeparator, 2)[0];
    if (!first.endsWith(".jar")) {
      return Optional.empty();
    }
    Path archive = beside(Path.of(first));
    return Files.isRegularFile(archive) ? Optional.of(archive) : Optional.empty();
  }

  /** Where the archive of a class path that starts with {@code jar} lives. */
  public static Path beside(Path jar) {
    String name = jar.getFileName().toString();
    return jar.resolveSibling(name.substring(0, name.length() - ".jar".length()) + EXTENSION);
  }

  /** The JVM options that use {@code classPath}'s archive, or none when it has none. */
  public static List<String> jvmOptions(String classPath) {
    return of(classPath).map(ClassDataArchive::jvmOptions).orElse(List.of());
  }

  public static List<String> jvmOptions(Path archive) {
    List<String> options = new java.util.ArrayList<>(List.of("-XX:SharedArchiveFile=" + archive));
    options.addAll(CHECKS);
    return List.copyOf(options);
  }
}
