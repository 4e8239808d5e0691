package io.gopluginjava.core;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The command that runs a Java plugin's main class with this JVM and this class path, with the flags that suit how
 * long its host keeps it ({@link Lifetime}). When the class path is a jar the build made a {@link ClassDataArchive}
 * for, the plugin maps its classes from it; a class path with directories of classes (a test's) gets the
 * {@link DependencyArchive} of its jars when it has one.
 */
public final class JavaCommand {

  /** How long a plugin's host keeps it, which decides its JVM's flags. */
  public enum Lifetime {
    /**
     * Seconds: a one-shot command's plugin ({@code kv put}) or a test's. C1 only and the serial collector, which halve
     * the CPU time of its start (C2 would compile little before the plugin exits), and a small first heap
     * ({@code -Xms8m}: the JVM's default is a 64th of the machine's memory, whose young generation a plugin fills
     * before its first collection; the heap still grows as the plugin needs, and a KV plugin's resident memory after
     * 10 000 calls halves, 168 to 80 MiB here).
     */
    SHORT(List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xms8m")),
    /**
     * Minutes or more: a plugin that serves many calls. The JVM's own defaults (C1 then C2, G1, its default heap), as
     * a Go host's {@code java -cp … Main} line runs it. Held to C1, such a plugin answered a unary call in about twice
     * the time and moved 1 MiB over mTLS 8 to 10 times slower (C2 brings the AES-GCM intrinsics); the start-up's
     * small heap and serial collector cost it 20 to 30 % of its unary p50 and more than half its 1 MiB Put rate
     * (bench/README.md, "A plugin that lives long").
     */
    LONG(List.of());

    private final List<String> jvmOptions;

    Lifetime(List<String> jvmOptions) {
      this.jvmOptions = jvmOptions;
    }

    public List<String> jvmOptions() {
      return jvmOptions;
    }
  }

  /** For a JVM that lives seconds: a plugin, or a one-shot host such as the {@code kv} command's launcher. */
  public static final List<String> SHORT_LIVED = Lifetime.SHORT.jvmOptions();

  /**
   * The JVM's own log (an archive it cannot use, a deprecated option) goes to stdout by default, where a plugin's
   * host reads the handshake line: its warnings go to stderr instead, the rest nowhere.
   */
  public static final List<String> QUIET = List.of("-Xlog:disable", "-Xlog:all=warning:stderr");

  private JavaCommand() {}

  /** The command for {@code mainClass} on this JVM's class path, for a plugin that lives seconds. */
  public static List<String> forMain(Class<?> mainClass) {
    return forMain(mainClass, Lifetime.SHORT);
  }

  public static List<String> forMain(Class<?> mainClass, Lifetime lifetime) {
    return of(System.getProperty("java.class.path"), mainClass.getName(), lifetime);
  }

  /** The command for {@code mainClass} on {@code classPath}, for a plugin that lives seconds. */
  public static List<String> of(String classPath, String mainClass) {
    return of(classPath, mainClass, Lifetime.SHORT);
  }

  /** The command for {@code mainClass} on {@code classPath}, with that class path's archive when it has one. */
  public static List<String> of(String classPath, String mainClass, Lifetime lifetime) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(lifetime.jvmOptions());
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
