package io.gopluginjava.grpc;

import com.google.gson.JsonObject;
import java.io.PrintStream;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * A plugin's logger that writes hclog's JSON lines on the real stderr, the way a Go plugin's default logger does:
 * {@code {"@level":"info","@message":"...","@module":"kv","@timestamp":"2026-11-25T12:00:00.000000Z","key":"value"}}.
 * The host parses each line back into a log event with its level, module and key/values.
 */
public final class Hclog {

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
    json.addProperty("@timestamp", timestamp(at));
    for (int i = 0; i + 1 < keyValues.length; i += 2) {
      json.addProperty(String.valueOf(keyValues[i]), String.valueOf(keyValues[i + 1]));
    }
    return json.toString();
  }

  /**
   * Go's {@code 2006-01-02T15:04:05.000000Z07:00}, which a go-plugin host requires exactly: {@code Z} for UTC, else
   * the offset as {@code +07:00}. Written by hand because java.time's formatter for it costs a plugin about 10 ms of
   * CPU to build before its first line (the same as {@code yyyy-MM-dd'T'HH:mm:ss.SSSSSSXXX} for years 1000 to 9999).
   */
  static String timestamp(OffsetDateTime at) {
    StringBuilder text = new StringBuilder(32);
    digits(text, at.getYear(), 4).append('-');
    digits(text, at.getMonthValue(), 2).append('-');
    digits(text, at.getDayOfMonth(), 2).append('T');
    digits(text, at.getHour(), 2).append(':');
    digits(text, at.getMinute(), 2).append(':');
    digits(text, at.getSecond(), 2).append('.');
    digits(text, at.getNano() / 1000, 6);
    int offset = at.getOffset().getTotalSeconds();
    if (offset / 60 == 0) { // seconds of an offset are dropped, as Go and XXX do
      return text.append('Z').toString();
    }
    text.append(offset < 0 ? '-' : '+');
    offset = Math.abs(offset);
    digits(text, offset / 3600, 2).append(':');
    return digits(text, offset / 60 % 60, 2).toString();
  }

  private static StringBuilder digits(StringBuilder text, int value, int width) {
    String number = Integer.toString(value);
    for (int i = number.length(); i < width; i++) {
      text.append('0');
    }
    return text.append(number);
  }

  private void log(String level, String message, Object... keyValues) {
    out.println(line(level, module, message, OffsetDateTime.now(ZoneOffset.UTC), keyValues));
  }
}
