package io.gopluginjava.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.DisplayName;

/**
 * The handshake line is the first thing a host reads from a process it does not control. In a normal test run this
 * replays the inputs in {@code HandshakeFuzzTestInputs/anyLine} (real lines, edge cases, and every input the fuzzer
 * ever broke the parser with); {@code mvn -Pfuzz test} (or {@code ./fuzz}) searches for new ones.
 */
@DisplayName("Handshake.parse under fuzzing")
class HandshakeFuzzTest {

  @FuzzTest
  @DisplayName("any line either parses, and prints back to the same handshake, or is refused with a HandshakeException")
  void anyLine(byte[] input) {
    // The host decodes the plugin's stdout as UTF-8, so every string a broken plugin can produce arrives this way.
    String line = new String(input, StandardCharsets.UTF_8);
    Handshake handshake;
    try {
      handshake = Handshake.parse(line);
    } catch (HandshakeException refused) {
      assertThat(refused.line()).as("the refused line, quoted in the exception").isEqualTo(line);
      return;
    }
    String[] fields = line.strip().split("\\|", -1);
    assertThat(fields[0] + "|" + fields[1]).as("versions of \"%s\" as Go's strconv.Atoi reads them", line)
        .matches("[+-]?[0-9]+\\|[+-]?[0-9]+");
    assertThat(Handshake.parse(handshake.toLine())).as("parse(toLine()) of %s parsed from \"%s\"", handshake, line)
        .isEqualTo(handshake);
  }
}
