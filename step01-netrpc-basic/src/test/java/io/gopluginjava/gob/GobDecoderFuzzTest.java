package io.gopluginjava.gob;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;

/**
 * The gob decoder reads what a plugin (or a host) sends on every net/rpc stream. In a normal test run this replays the
 * inputs in {@code GobDecoderFuzzTestInputs/anyStream} (Go's own gob bytes, and every input that ever broke the
 * decoder); {@code ./fuzz 5m GobDecoderFuzzTest} searches for new ones.
 */
@DisplayName("the gob decoder under fuzzing")
class GobDecoderFuzzTest {

  @FuzzTest
  @DisplayName("any bytes decode to values until a clean end or a GobException; what decodes, encodes")
  void anyStream(byte[] input) throws IOException {
    GobDecoder decoder = new GobDecoder(new ByteArrayInputStream(input), new GobLimits(1 << 20, 64, 1000));
    List<Object> values = new ArrayList<>();
    try {
      while (true) {
        values.add(decoder.decode());
      }
    } catch (EOFException | GobException end) {
      assertThat(end.getMessage()).as("the reason the stream ended").isNotBlank();
    }
    for (Object value : values) {
      if (value instanceof GobStruct struct) {
        new GobEncoder(new ByteArrayOutputStream()).encode(struct.type(), struct); // must not throw
      }
    }
  }
}
