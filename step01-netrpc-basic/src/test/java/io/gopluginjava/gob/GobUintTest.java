package io.gopluginjava.gob;

import static org.assertj.core.api.Assertions.assertThat;

import io.gopluginjava.gob.GobEncoder.GobBuffer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.HexFormat;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** gob's unsigned integer, the number every other gob value is built from (Go's {@code encoding/gob}, "Encoding Details"). */
@DisplayName("gob's unsigned integer")
class GobUintTest {

  @ParameterizedTest(name = "{0} is {1}")
  @DisplayName("below 128 one byte; above, the negated byte count then the big-endian bytes, no leading zeros")
  @CsvSource(delimiter = ';', textBlock = """
      0;                    00
      7;                    07
      127;                  7f
      128;                  ff 80
      256;                  fe 01 00
      65535;                fe ff ff
      18446744073709551615; f8 ff ff ff ff ff ff ff ff
      """)
  void bytes(String value, String expected) {
    GobBuffer buffer = new GobBuffer().writeUint(Long.parseUnsignedLong(value));
    assertThat(HexFormat.ofDelimiter(" ").formatHex(buffer.toByteArray())).as("gob's bytes for %s", value)
        .isEqualTo(expected);
  }

  @Test
  @DisplayName("the string Hello! as Go's gob sends it: byte count 9, type id 6 (signed: 0c), field delta 0, length 6")
  void helloString() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    new GobEncoder(out).encode(GobType.STRING, "Hello!");
    assertThat(HexFormat.ofDelimiter(" ").formatHex(out.toByteArray())).as("gob's message for \"Hello!\"")
        .isEqualTo("09 0c 00 06 48 65 6c 6c 6f 21");
  }
}
