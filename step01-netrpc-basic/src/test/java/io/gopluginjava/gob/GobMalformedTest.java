package io.gopluginjava.gob;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.gopluginjava.gob.GobType.SliceOf;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** What a peer cannot do to the decoder: every malformed stream is a GobException that says what was wrong. */
@DisplayName("gob decoding of malformed and hostile input")
class GobMalformedTest {

  private static Object decode(String hex) throws IOException {
    return decode(hex, GobLimits.DEFAULT);
  }

  private static Object decode(String hex, GobLimits limits) throws IOException {
    return new GobDecoder(new ByteArrayInputStream(HexFormat.of().parseHex(hex)), limits).decode();
  }

  @Test
  @DisplayName("an empty stream is a clean end (EOFException), not an error")
  void cleanEnd() {
    assertThatExceptionOfType(EOFException.class).isThrownBy(() -> decode(""));
  }

  @Test
  @DisplayName("a message cut short names how many bytes arrived")
  void truncated() {
    assertThatExceptionOfType(GobException.class).isThrownBy(() -> decode("090c000648656c"))
        .withMessageContaining("6 of 9 bytes");
  }

  @Test
  @DisplayName("a message count past the limit is refused before anything is read or allocated")
  void countPastLimit() {
    assertThatExceptionOfType(GobException.class).isThrownBy(() -> decode("fc7fffffff0c"))
        .withMessageContaining("more than the " + GobLimits.DEFAULT.maxMessageBytes() + " allowed");
  }

  @Test
  @DisplayName("a slice claiming 2^32 elements in a 9-byte message is refused, not allocated")
  void hugeSliceCount() {
    // []string type definition, then a value of it whose count is 2^32
    assertThatExceptionOfType(GobException.class)
        .isThrownBy(() -> decode("0b7f020102ff8000010c0000" + "09ff8000fb0100000000"))
        .withMessageContaining("a count of 4294967296 with only 0 bytes left");
  }

  @Test
  @DisplayName("a string longer than its message is refused")
  void stringPastMessage() {
    assertThatExceptionOfType(GobException.class).isThrownBy(() -> decode("040c00ff48"))
        .withMessageContaining("count of 72");
  }

  @Test
  @DisplayName("a bool other than 0 or 1 is refused")
  void badBool() {
    assertThatExceptionOfType(GobException.class).isThrownBy(() -> decode("03020002"))
        .withMessageContaining("a bool must be 0 or 1, got 2");
  }

  @Test
  @DisplayName("a value of a type the stream never defined is refused")
  void undefinedType() {
    assertThatExceptionOfType(GobException.class).isThrownBy(() -> decode("03ff9000"))
        .withMessageContaining("type id 72, which this stream never defined");
  }

  @Test
  @DisplayName("a definition of a built-in type id is refused")
  void redefinedBuiltin() {
    assertThatExceptionOfType(GobException.class).isThrownBy(() -> decode("050b02010200"))
        .withMessageContaining("type id 6, which is built in");
  }

  @Test
  @DisplayName("a non-struct value must start with field delta 0")
  void singletonDelta() {
    assertThatExceptionOfType(GobException.class).isThrownBy(() -> decode("03040102"))
        .withMessageContaining("field delta 0, got 1");
  }

  @Test
  @DisplayName("a struct field past the struct's last field is refused")
  void fieldPastEnd() {
    // struct Point{X,Y,Name} then a value setting field 5
    String point = "28ff8303010105506f696e7401ff8400010301015801040001015901040001044e616d65010c000000";
    assertThatExceptionOfType(GobException.class).isThrownBy(() -> decode(point + "05ff84060200"))
        .withMessageContaining("field 5 of Point, which has 3 fields");
  }

  @Test
  @DisplayName("values nested deeper than the limit are refused (a slice of slices 50 deep, limit 20)")
  void tooDeep() throws IOException {
    GobType type = GobType.INT;
    Object value = 1L;
    for (int i = 0; i < 50; i++) {
      type = new SliceOf(type);
      List<Object> one = new ArrayList<>();
      one.add(value);
      value = one;
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    new GobEncoder(out).encode(type, value);
    String hex = HexFormat.of().formatHex(out.toByteArray());
    assertThat(decode(hex)).as("50 deep within the default limit").isEqualTo(value);
    assertThatExceptionOfType(GobException.class).isThrownBy(() -> decode(hex, new GobLimits(1 << 20, 20, 100)))
        .withMessageContaining("nested more than 20 deep");
  }

  @Test
  @DisplayName("a struct definition naming a field twice is refused (found by GobDecoderFuzzTest)")
  void duplicateField() {
    // struct P{B bool; B int}
    assertThatExceptionOfType(GobException.class)
        .isThrownBy(() -> decode("1aff81030101015001ff8200010201014201020001014201040000"))
        .withMessageContaining("struct P names field \"B\" twice");
  }

  @Test
  @DisplayName("a number of more than 8 bytes is refused")
  void longNumber() {
    assertThatExceptionOfType(GobException.class).isThrownBy(() -> decode("0b0400f7ffffffffffffffffff"))
        .withMessageContaining("a number of 9 bytes");
  }
}
