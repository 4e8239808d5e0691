package io.gopluginjava.grpc;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads one line of a plugin's stderr the way go-plugin's host does ({@code client.go logStderr}, {@code log_entry.go}).
 */
public final class HclogLine {

  private HclogLine() {}

  /**
   * A JSON object is an hclog entry: {@code @level}, {@code @message}, {@code @module} and {@code @timestamp} (in Go's
   * exact layout), every other key a field. Anything else is a raw line: level from a {@code [TRACE]}, {@code [DEBUG]},
   * {@code [INFO]}, {@code [WARN]} or {@code [ERROR]} prefix, else DEBUG.
   */
  public static LogEntry parse(String line) {
    // workbook:begin hclog-parsing
    JsonObject json = jsonObject(line);
    if (json == null || !timestampIsValid(json.get("@timestamp"))) {
      for (LogEntry.Level level : LogEntry.Level.values()) {
        if (line.startsWith("[" + level + "]")) {
          return LogEntry.raw(level, line);
        }
      }
      return LogEntry.raw(LogEntry.Level.DEBUG, line);
    }
    Map<String, Object> fields = new LinkedHashMap<>();
    json.entrySet().stream().filter(e -> !e.getKey().startsWith("@"))
        .forEach(e -> fields.put(e.getKey(), value(e.getValue())));
    return new LogEntry(LogEntry.Level.of(string(json, "@level")), string(json, "@message"), string(json, "@module"),
        string(json, "@timestamp"), fields, true);
    // workbook:end
  }

  private static JsonObject jsonObject(String line) {
    if (!line.strip().startsWith("{")) {
      return null;
    }
    try {
      JsonElement element = JsonParser.parseString(line);
      return element.isJsonObject() ? element.getAsJsonObject() : null;
    } catch (RuntimeException notJson) {
      return null;
    }
  }

  private static boolean timestampIsValid(JsonElement timestamp) {
    if (timestamp == null) {
      return true;
    }
    try {
      OffsetDateTime.parse(timestamp.getAsString(), Hclog.TIMESTAMP);
      return true;
    } catch (DateTimeParseException | UnsupportedOperationException | IllegalStateException e) {
      return false;
    }
  }

  private static String string(JsonObject json, String key) {
    JsonElement value = json.get(key);
    return value == null || value.isJsonNull() ? "" : value.isJsonPrimitive() ? value.getAsString() : value.toString();
  }

  private static Object value(JsonElement value) {
    if (value.isJsonPrimitive()) {
      JsonPrimitive primitive = value.getAsJsonPrimitive();
      return primitive.isNumber() ? primitive.getAsNumber() : primitive.isBoolean() ? primitive.getAsBoolean()
          : primitive.getAsString();
    }
    return value.toString();
  }
}
