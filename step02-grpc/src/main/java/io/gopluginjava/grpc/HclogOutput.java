package io.gopluginjava.grpc;

import io.gopluginjava.core.PluginOutput;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

/**
 * Turns a plugin's stderr into the host's log: each hclog JSON line becomes an SLF4J event at its level, under logger
 * {@code plugin.<name>[.<module>]}, with its fields as key/values; raw lines keep their guessed level, and from a
 * {@code panic:} line on every raw line is an ERROR, as in go-plugin.
 */
public final class HclogOutput implements PluginOutput {

  private final BiConsumer<String, LogEntry> sink;
  private final Map<String, Boolean> inPanic = new ConcurrentHashMap<>();

  /** Entries to {@code sink} (plugin name, entry) instead of SLF4J: for tests and custom UIs. */
  public HclogOutput(BiConsumer<String, LogEntry> sink) {
    this.sink = sink;
  }

  /** Into SLF4J. */
  public HclogOutput() {
    this(HclogOutput::log);
    LoggerFactory.getILoggerFactory(); // now, not on the first plugin line: SLF4J warns when it starts on two threads
  }

  @Override
  public void stderr(String plugin, String line) {
    LogEntry entry;
    try {
      entry = HclogLine.parse(line);
    } catch (RuntimeException e) {
      sink.accept(plugin, LogEntry.raw(LogEntry.Level.WARN, line + "  (the host could not parse this line: " + e + ")"));
      return;
    }
    // go-plugin logs a line too long for its buffer at DEBUG and does not look at it for a panic.
    if (!entry.structured() && !HclogLine.tooLongForGoPlugin(line)) {
      if (line.startsWith("panic: ") || line.startsWith("fatal error: ")) {
        inPanic.put(plugin, true);
      }
      if (inPanic.getOrDefault(plugin, false)) {
        entry = LogEntry.raw(LogEntry.Level.ERROR, line);
      }
    }
    sink.accept(plugin, entry);
  }

  @Override
  public void stdout(String plugin, String line) {
    sink.accept(plugin, LogEntry.raw(LogEntry.Level.DEBUG, line));
  }

  private static void log(String plugin, LogEntry entry) {
    String name = "plugin." + plugin + (entry.module().isEmpty() ? "" : "." + entry.module());
    Logger logger = LoggerFactory.getLogger(name);
    var event = logger.atLevel(Level.valueOf(entry.level().name())).setMessage(entry.message());
    entry.fields().forEach(event::addKeyValue);
    event.log();
  }
}
