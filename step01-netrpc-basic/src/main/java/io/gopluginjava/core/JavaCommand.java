package io.gopluginjava.core;

import java.nio.file.Path;
import java.util.List;

/** The command that runs a Java plugin's main class with this JVM and this class path. */
public final class JavaCommand {

  private JavaCommand() {}

  public static List<String> forMain(Class<?> mainClass) {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    return List.of(java, "-cp", System.getProperty("java.class.path"), mainClass.getName());
  }
}
