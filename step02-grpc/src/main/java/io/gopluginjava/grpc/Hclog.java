package io.gopluginjava.grpc;

import com.google.gson.JsonObject;
import java.io.PrintStream;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * A plugin's logger that writes hclog's JSON lines on the real stderr, the way a Go plugin's default logger does:
 * {@code {"@level":"info","@message":"...","@module":"kv","@timestamp":"2026-11-25T12:00:00.000000Z","key":"value"}}.
 * The host parses each line back into a log event with its level, module and key/values.
 */
public final class Hclog {

  /** Go's {@code 2006-01-02T15:04:05.000000Z07:00}: a go-plugin host refuses any other timestamp layout. */
  static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSXXX");

  private final String module;
  private final PrintStream out;

  private Hclog(String module, PrintStream out) {
    this.module = module;
    this.out = out;
  }

  /** A logger for {@code module} on the process's real stderr, whatever {@code System.err} is later set to. */
  public static Hclog named(String module) {
    return named(module, StdioCapture.REAL_STDERR);
  }

  /** A logger for {@code module} on {@code out}. */
  static Hclog named(String module, PrintStream out) {
    return new Hclog(module, out);
  }

  public void debug(String message, Object... keyValues) {
    log("debug", message, keyValues);
  }

  public void info(String message, Object... keyValues) {
    log("info", message, keyValues);
  }

  public void warn(String message, Object... keyValues) {
    log("warn", message, keyValues);
  }

  public void error(String message, Object... keyValues) {
    log("error", message, keyValues);
  }

  /** One JSON line; {@code keyValues} alternate key, value. */
  static String line(String level, String module, String message, OffsetDateTime at, Object... keyValues) {
    JsonObject json = new JsonObject();
    json.addProperty("@level", level);
    json.addProperty("@message", message);
    json.addProperty("@module", module);
    json.addProperty("@timestamp", TIMESTAMP.format(at));
    for (int i = 0; i + 1 < keyValues.length; i += 2) {
      json.addProperty(String.valueOf(keyValues[i]), String.valueOf(keyValues[i + 1]));
    }
    return json.toString();
  }

  private void log(String level, String message, Object... keyValues) {
    out.println(line(level, module, message, OffsetDateTime.now(ZoneOffset.UTC), keyValues));
  }
}
