package io.gopluginjava.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.google.gson.JsonParser;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import org.junit.jupiter.api.DisplayName;

/**
 * Every stderr line of a plugin goes through {@link HclogLine#parse}, and a line it cannot read must still reach the
 * log. A normal test run replays {@code HclogLineFuzzTestInputs/anyLine}; {@code mvn -Pfuzz test} (or {@code ./fuzz})
 * searches for new inputs.
 */
@DisplayName("HclogLine.parse under fuzzing")
class HclogLineFuzzTest {

  @FuzzTest
  @DisplayName("any line becomes an entry with a level and a message; only strict JSON with a real timestamp is "
      + "structured")
  void anyLine(byte[] input) {
    String line = new String(input, StandardCharsets.UTF_8);
    LogEntry entry = HclogLine.parse(line);

    assertThat(entry).as("entry of \"%s\"", line).isNotNull();
    assertThat(entry.level()).as("level of \"%s\"", line).isNotNull();
    assertThat(entry.message()).as("message of \"%s\"", line).isNotNull();
    if (HclogLine.tooLongForGoPlugin(line)) {
      assertThat(entry.level()).as("a line go-plugin reads in pieces is DEBUG").isEqualTo(LogEntry.Level.DEBUG);
      assertThat(entry.structured()).as("a line go-plugin reads in pieces is never parsed").isFalse();
    }
    if (!entry.structured()) {
      assertThat(entry.message()).as("a raw entry keeps the whole line").isEqualTo(line);
      return;
    }
    // go-plugin reads a line with Go's encoding/json, which accepts no comments, unquoted names or trailing junk.
    assertThatCode(() -> strictJson(line)).as("a structured line is strict JSON: \"%s\"", line)
        .doesNotThrowAnyException();
    if (!entry.timestamp().isEmpty()) {
      // Written back, a real instant reads the same, except that UTC is written Z (Go reads +00:00 and -00:00 too).
      String again = Hclog.timestamp(OffsetDateTime.parse(entry.timestamp(), HclogTest.GO_LAYOUT));
      assertThat(again).as("a structured entry's timestamp is a real instant, written the same way")
          .isEqualTo(entry.timestamp().replaceAll("[+-]00:00$", "Z"));
    }
  }

  private static void strictJson(String line) throws Exception {
    JsonReader reader = new JsonReader(new StringReader(line));
    reader.setStrictness(Strictness.STRICT);
    JsonParser.parseReader(reader);
    if (reader.peek() != JsonToken.END_DOCUMENT) {
      throw new IllegalArgumentException("more after the JSON value");
    }
  }
}
