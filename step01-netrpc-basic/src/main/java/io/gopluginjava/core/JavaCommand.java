package io.gopluginjava.core;

import java.nio.file.Path;
import java.util.List;

/**
 * The command that runs a Java plugin's main class with this JVM and this class path, tuned for start-up: a plugin
 * started by a one-shot command or a test lives for seconds, so it runs with the C1 compiler only and the serial
 * collector, which halves the CPU time of its start.
 */
public final class JavaCommand {

  private JavaCommand() {}

  public static List<String> forMain(Class<?> mainClass) {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    return List.of(java, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
        mainClass.getName());
  }

  /**
   * The same command as one {@code sh -c} line that first changes to {@code dir}, the way go-plugin's example hosts
   * take a plugin command from an environment variable such as {@code $KV_PLUGIN}.
   */
  public static String shellLineIn(Path dir, Class<?> mainClass) {
    return ShellLine.in(dir, forMain(mainClass));
  }
}
