package io.gopluginjava.core;

import java.nio.file.Path;
import java.util.List;

/**
 * The command that runs a Java plugin's main class with this JVM and this class path, tuned for start-up: a plugin
 * started by a one-shot command or a test lives for seconds, so it runs with the C1 compiler only and the serial
 * collector, which halves the CPU time of its start. {@code -Xms8m} starts its heap small (the JVM's default is a
 * 64th of the machine's memory, whose young generation a plugin fills before its first collection): the heap still
 * grows as the plugin needs, and a KV plugin's resident memory after 10 000 calls halves (168 to 80 MiB here).
 */
public final class JavaCommand {

  private JavaCommand() {}

  public static List<String> forMain(Class<?> mainClass) {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    return List.of(java, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xms8m",
        "-cp", System.getProperty("java.class.path"), mainClass.getName());
  }

  /**
   * The same command as one {@code sh -c} line that first changes to {@code dir}, the way go-plugin's example hosts
   * take a plugin command from an environment variable such as {@code $KV_PLUGIN}.
   */
  public static String shellLineIn(Path dir, Class<?> mainClass) {
    return ShellLine.in(dir, forMain(mainClass));
  }
}
