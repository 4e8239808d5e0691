package io.gopluginjava.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("reading a plugin's output by lines")
class BoundedLinesTest {

  private static List<String> lines(String output) throws IOException {
    BoundedLines reader = new BoundedLines(new BufferedReader(new StringReader(output)));
    List<String> lines = new ArrayList<>();
    for (String line = reader.next(); line != null; line = reader.next()) {
      lines.add(line);
    }
    return lines;
  }

  @Test
  @DisplayName("lines end at \\n, \\r\\n or \\r, and a last line without a terminator still counts")
  void terminators() throws IOException {
    assertThat(lines("one\ntwo\r\nthree\rfour")).as("lines").containsExactly("one", "two", "three", "four");
    assertThat(lines("\n\nx\n")).as("empty lines are lines").containsExactly("", "", "x");
    assertThat(lines("")).as("no output").isEmpty();
  }

  @Test
  @DisplayName("a line longer than 64 KiB arrives in 64 KiB pieces: a plugin without newlines cannot fill the host's memory")
  void longLinesArriveInPieces() throws IOException {
    int max = BoundedLines.MAX_CHARS;
    List<String> lines = lines("x".repeat(3 * max + 10) + "\nafter\n");

    assertThat(lines).as("pieces of a %d-character line, then the next line", 3 * max + 10)
        .extracting(String::length).containsExactly(max, max, max, 10, 5);
    assertThat(lines.get(4)).as("the line after the long one").isEqualTo("after");
  }

  @Test
  @DisplayName("a line of exactly 64 KiB is one line, not a piece and an empty line")
  void exactlyTheLimit() throws IOException {
    assertThat(lines("y".repeat(BoundedLines.MAX_CHARS) + "\nz\n")).as("lines").extracting(String::length)
        .containsExactly(BoundedLines.MAX_CHARS, 1);
  }
}
