package io.gopluginjava.grpc;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads one line of a plugin's stderr the way go-plugin's host does ({@code client.go logStderr}, {@code log_entry.go}).
 */
public final class HclogLine {

  /** go-plugin reads stderr through a 64 KiB buffer: a longer line arrives in pieces, each logged raw at DEBUG. */
  static final int GO_PLUGIN_LINE_BYTES = 64 * 1024;

  /** hclog's layout, resolved strictly as Go's time.Parse does: no February 30, no 24:00. */
  private static final DateTimeFormatter GO_TIMESTAMP =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSXXX").withResolverStyle(ResolverStyle.STRICT);

  private HclogLine() {}

  /**
   * A JSON object is an hclog entry: {@code @level}, {@code @message}, {@code @module} and {@code @timestamp} (in Go's
   * exact layout), every other key a field. Anything else is a raw line: level from a {@code [TRACE]}, {@code [DEBUG]},
   * {@code [INFO]}, {@code [WARN]} or {@code [ERROR]} prefix, else DEBUG. A line of 64 KiB or more is raw DEBUG, as
   * go-plugin never parses a line its buffer had to split.
   */
  public static LogEntry parse(String line) {
    // workbook:begin hclog-parsing
    if (tooLongForGoPlugin(line)) {
      return LogEntry.raw(LogEntry.Level.DEBUG, line);
    }
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

  /** Whether go-plugin would read this line in pieces (its buffer counts UTF-8 bytes, without the newline). */
  static boolean tooLongForGoPlugin(String line) {
    // A char is at most 3 UTF-8 bytes: shorter lines need no counting.
    return line.length() * 3L >= GO_PLUGIN_LINE_BYTES
        && line.getBytes(StandardCharsets.UTF_8).length >= GO_PLUGIN_LINE_BYTES;
  }

  private static JsonObject jsonObject(String line) {
    if (!line.strip().startsWith("{")) {
      return null;
    }
    // STRICT, like Go's encoding/json: no comments, single quotes, unquoted names, NaN, or anything after the object.
    JsonReader reader = new JsonReader(new StringReader(line));
    reader.setStrictness(Strictness.STRICT);
    try {
      JsonElement element = JsonParser.parseReader(reader);
      return element.isJsonObject() && reader.peek() == JsonToken.END_DOCUMENT ? element.getAsJsonObject() : null;
    } catch (IOException | RuntimeException notJson) {
      return null;
    }
  }

  private static boolean timestampIsValid(JsonElement timestamp) {
    if (timestamp == null) {
      return true;
    }
    // go-plugin asserts a string (and a Go host panics on anything else); a one-element array is not one.
    if (!timestamp.isJsonPrimitive() || !timestamp.getAsJsonPrimitive().isString()) {
      return false;
    }
    try {
      OffsetDateTime.parse(timestamp.getAsString(), GO_TIMESTAMP);
      return true;
    } catch (DateTimeParseException e) {
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
