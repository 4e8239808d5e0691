package io.gopluginjava.core;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The command that runs a Java plugin's main class with this JVM and this class path, tuned for start-up: a plugin
 * started by a one-shot command or a test lives for seconds, so it runs with the C1 compiler only and the serial
 * collector, which halves the CPU time of its start. {@code -Xms8m} starts its heap small (the JVM's default is a
 * 64th of the machine's memory, whose young generation a plugin fills before its first collection): the heap still
 * grows as the plugin needs, and a KV plugin's resident memory after 10 000 calls halves (168 to 80 MiB here). When
 * the class path is a jar the build made a {@link ClassDataArchive} for, the plugin maps its classes from it; a class
 * path with directories of classes (a test's) gets the {@link DependencyArchive} of its jars when it has one.
 */
public final class JavaCommand {

  /** For a JVM that lives seconds: a plugin, or a one-shot host such as the {@code kv} command's launcher. */
  public static final List<String> SHORT_LIVED = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xms8m");

  /**
   * The JVM's own log (an archive it cannot use, a deprecated option) goes to stdout by default, where a plugin's
   * host reads the handshake line: its warnings go to stderr instead, the rest nowhere.
   */
  public static final List<String> QUIET = List.of("-Xlog:disable", "-Xlog:all=warning:stderr");

  private JavaCommand() {}

  public static List<String> forMain(Class<?> mainClass) {
    return of(System.getProperty("java.class.path"), mainClass.getName());
  }

  /** The command for {@code mainClass} on {@code classPath}, with that class path's archive when it has one. */
  public static List<String> of(String classPath, String mainClass) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(SHORT_LIVED);
    command.addAll(QUIET);
    Optional<Path> archive = ClassDataArchive.of(classPath);
    String runClassPath = classPath;
    if (archive.isEmpty()) {
      Optional<DependencyArchive> dependencies = DependencyArchive.of(classPath);
      archive = dependencies.map(DependencyArchive::file);
      runClassPath = dependencies.map(DependencyArchive::classPath).orElse(classPath);
    }
    archive.ifPresent(file -> command.addAll(ClassDataArchive.jvmOptions(file)));
    command.addAll(List.of("-cp", runClassPath, mainClass));
    return List.copyOf(command);
  }

  /**
   * The same command as one {@code sh -c} line that first changes to {@code dir}, the way go-plugin's example hosts
   * take a plugin command from an environment variable such as {@code $KV_PLUGIN}.
   */
  public static String shellLineIn(Path dir, Class<?> mainClass) {
    return ShellLine.in(dir, forMain(mainClass));
  }
}
