package io.gopluginjava.core;

import java.nio.file.Path;
import java.util.List;

/**
 * A command as one {@code sh -c} line, the way go-plugin's example hosts take a plugin command from an environment
 * variable such as {@code $KV_PLUGIN}: every word single-quoted, so paths with spaces survive.
 */
public final class ShellLine {

  private ShellLine() {}

  /** {@code cd DIR && exec COMMAND...}: the plugin runs in {@code dir} and replaces the shell. */
  public static String in(Path dir, List<String> command) {
    return "cd " + quoted(dir.toString()) + " && exec " + of(command);
  }

  public static String of(List<String> command) {
    return String.join(" ", command.stream().map(ShellLine::quoted).toList());
  }

  static String quoted(String word) {
    return "'" + word.replace("'", "'\\''") + "'";
  }
}
