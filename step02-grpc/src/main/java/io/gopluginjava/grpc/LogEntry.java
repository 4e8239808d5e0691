package io.gopluginjava.grpc;

import java.util.Map;

/**
 * One line of a plugin's stderr, as the host understands it: an hclog JSON entry ({@code structured}), or a raw line
 * whose level was guessed from its prefix.
 */
public record LogEntry(Level level, String message, String module, String timestamp, Map<String, Object> fields,
    boolean structured) {

  /** hclog's levels. */
  public enum Level {
    TRACE, DEBUG, INFO, WARN, ERROR;

    /** hclog's {@code LevelFromString}: unknown names are INFO here, so that no line is lost. */
    static Level of(String name) {
      return switch (name == null ? "" : name.strip().toLowerCase(java.util.Locale.ROOT)) {
        case "trace" -> TRACE;
        case "debug" -> DEBUG;
        case "warn", "warning" -> WARN;
        case "error" -> ERROR;
        default -> INFO;
      };
    }
  }

  public LogEntry {
    fields = Map.copyOf(fields);
  }

  static LogEntry raw(Level level, String line) {
    return new LogEntry(level, line, "", "", Map.of(), false);
  }
}
