package io.gopluginjava.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import io.gopluginjava.grpc.LogEntry.Level;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@DisplayName("reading a plugin's stderr as hclog")
class HclogLineTest {

  @Test
  @DisplayName("an hclog JSON line becomes an entry with its level, message, module, timestamp and fields")
  void jsonLineIsStructured() {
    LogEntry entry = HclogLine.parse("{\"@level\":\"warn\",\"@message\":\"disk almost full\",\"@module\":\"kv\","
        + "\"@timestamp\":\"2026-11-25T12:00:00.123456Z\",\"path\":\"/tmp/kv\",\"percent\":93}");

    assertThat(entry.structured()).as("structured").isTrue();
    assertThat(entry.level()).as("level").isEqualTo(Level.WARN);
    assertThat(entry.message()).as("message").isEqualTo("disk almost full");
    assertThat(entry.module()).as("module").isEqualTo("kv");
    assertThat(entry.timestamp()).as("timestamp").isEqualTo("2026-11-25T12:00:00.123456Z");
    assertThat(entry.fields()).as("fields").containsEntry("path", "/tmp/kv").containsKey("percent").hasSize(2);
  }

  @Test
  @DisplayName("what our plugins' Hclog writes, the host reads back")
  void hclogRoundTrip() {
    String line = Hclog.line("info", "kv", "put", OffsetDateTime.of(2026, 11, 25, 12, 0, 0, 0, ZoneOffset.UTC),
        "key", "hello");

    LogEntry entry = HclogLine.parse(line);
    assertThat(entry.structured()).as("structured (line: %s)", line).isTrue();
    assertThat(entry.fields()).as("fields").containsExactlyEntriesOf(java.util.Map.of("key", "hello"));
  }

  @Test
  @DisplayName("a timestamp in any other layout than Go's makes the line raw, as go-plugin's parser does")
  void wrongTimestampLayoutIsRaw() {
    LogEntry entry = HclogLine.parse("{\"@level\":\"info\",\"@message\":\"hi\",\"@timestamp\":\"2026-11-25 12:00:00\"}");

    assertThat(entry.structured()).as("structured").isFalse();
    assertThat(entry.level()).as("level of a raw line").isEqualTo(Level.DEBUG);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @DisplayName("a raw line takes its level from a [LEVEL] prefix, and is DEBUG without one")
  @CsvSource(delimiter = '|', textBlock = """
      [ERROR] could not open database | ERROR
      [WARN] retrying                 | WARN
      [INFO] started                  | INFO
      [TRACE] tick                    | TRACE
      just a line                     | DEBUG
      """)
  void rawLinesTakeTheirPrefixLevel(String line, Level level) {
    LogEntry entry = HclogLine.parse(line);

    assertThat(entry.level()).as("level of %s", line).isEqualTo(level);
    assertThat(entry.message()).as("message").isEqualTo(line);
  }

  @Test
  @DisplayName("from a panic: line on, every raw line is an ERROR: a crashing plugin's stack trace stands out")
  void panicMakesTheRestErrors() {
    List<LogEntry> entries = new ArrayList<>();
    HclogOutput output = new HclogOutput((plugin, entry) -> entries.add(entry));

    output.stderr("kv", "starting");
    output.stderr("kv", "panic: runtime error: index out of range");
    output.stderr("kv", "goroutine 1 [running]:");

    assertThat(entries).extracting(LogEntry::level).as("levels of %s", entries)
        .containsExactly(Level.DEBUG, Level.ERROR, Level.ERROR);
  }

  @ParameterizedTest(name = "{0}")
  @DisplayName("fuzzing bug: JSON that only a lenient parser reads (comments, quotes, bare names, NaN) was structured; "
      + "go-plugin's encoding/json refuses it, so the line stays raw and whole")
  @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
      a comment        | {"@message":"hi" /* a comment */}
      single quotes    | {'@level':'error','@message':'hi'}
      unquoted names   | {@level: error, @message: hi}
      NaN              | {"@message":"a","v":NaN}
      two objects      | {"@message":"a"}{"@message":"b"}
      """)
  void lenientJsonIsRaw(String what, String line) {
    LogEntry entry = HclogLine.parse(line);

    assertThat(entry.structured()).as("structured, with %s", what).isFalse();
    assertThat(entry.message()).as("message of a raw line").isEqualTo(line);
  }

  @ParameterizedTest(name = "{0}")
  @DisplayName("fuzzing bug: a @timestamp Go's time.Parse refuses (February 30, 24:00, an array) counted as valid; "
      + "now the line is raw, as in go-plugin")
  @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
      February 30         | "2026-02-30T12:00:00.000000Z"
      hour 24             | "2026-11-25T24:00:00.000000Z"
      an array of one     | ["2026-11-25T12:00:00.123456Z"]
      """)
  void impossibleTimestampIsRaw(String what, String timestamp) {
    LogEntry entry = HclogLine.parse("{\"@level\":\"info\",\"@message\":\"hi\",\"@timestamp\":" + timestamp + "}");

    assertThat(entry.structured()).as("structured, with %s", what).isFalse();
  }

  @Test
  @DisplayName("a line of 64 KiB or more is raw DEBUG and starts no panic: go-plugin reads it in pieces, parses none")
  void linesOf64KiBAreRaw() {
    String padding = "x".repeat(HclogLine.GO_PLUGIN_LINE_BYTES);
    String longJson = "{\"@level\":\"error\",\"@message\":\"" + padding + "\"}";
    String longPanic = "panic: " + padding;
    String justShort = "[ERROR] " + "x".repeat(HclogLine.GO_PLUGIN_LINE_BYTES - "[ERROR] ".length() - 1);

    LogEntry longEntry = HclogLine.parse(longJson);
    assertThat(longEntry.structured()).as("a long JSON line is structured").isFalse();
    assertThat(longEntry.level()).as("level of a long JSON line").isEqualTo(Level.DEBUG);
    assertThat(longEntry.message()).as("the whole long line is kept").isEqualTo(longJson);
    assertThat(HclogLine.parse(justShort).level()).as("level of a line one byte short of 64 KiB")
        .isEqualTo(Level.ERROR);

    List<LogEntry> entries = new ArrayList<>();
    HclogOutput output = new HclogOutput((plugin, entry) -> entries.add(entry));
    output.stderr("kv", longPanic);
    output.stderr("kv", "after the long panic line");
    assertThat(entries).extracting(LogEntry::level).as("levels after a long panic line")
        .containsExactly(Level.DEBUG, Level.DEBUG);
  }
}
