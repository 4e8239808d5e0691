package io.gopluginjava.core;

import java.util.List;

/** The plugin process did not get as far as a usable handshake line: it exited first, or took too long. */
public final class PluginStartException extends PluginException {

  /** Why the start failed. */
  public enum Problem {
    COULD_NOT_EXECUTE,
    EXITED_BEFORE_HANDSHAKE,
    COOKIE_REFUSED,
    START_TIMEOUT
  }

  private final Problem problem;
  private final List<String> lastStderrLines;

  public PluginStartException(Problem problem, String message, List<String> lastStderrLines) {
    super(message + stderrSection(lastStderrLines));
    this.problem = problem;
    this.lastStderrLines = List.copyOf(lastStderrLines);
  }

  public Problem problem() {
    return problem;
  }

  /** The plugin's last words on stderr, often the real reason. */
  public List<String> lastStderrLines() {
    return lastStderrLines;
  }

  private static String stderrSection(List<String> lines) {
    if (lines.isEmpty()) {
      return "\n  (the plugin wrote nothing on stderr)";
    }
    return "\n  last lines the plugin wrote on stderr:\n    | " + String.join("\n    | ", lines);
  }
}
