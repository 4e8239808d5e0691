package io.gopluginjava.yamux;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;

/**
 * The yamux frame reader is the first code to see a peer's bytes. In a normal test run this replays the inputs in
 * {@code FrameReaderFuzzTestInputs/anyBytes} (real sessions, bad frames, and every input that ever broke it);
 * {@code ./fuzz 5m FrameReaderFuzzTest} searches for new ones.
 */
@DisplayName("the yamux frame reader under fuzzing")
class FrameReaderFuzzTest {

  @FuzzTest
  @DisplayName("any bytes from a peer end the session with a YamuxException, never a hang or another exception")
  void anyBytes(byte[] input) {
    YamuxConfig config = YamuxConfig.DEFAULT.withKeepAlive(Duration.ZERO);
    Session session = Session.server(new ByteArrayInputStream(input), OutputStream.nullOutputStream(), () -> { },
        config);
    try {
      for (int accepted = 0; accepted <= config.acceptBacklog(); accepted++) {
        Stream stream = session.accept(); // streams the input opens, until its end ends the session
        stream.input().readNBytes(stream.input().available());
      }
    } catch (IOException ended) {
      assertThat(ended).as("how accept reports the end of the session").isInstanceOf(YamuxException.class);
    } finally {
      session.close();
    }
    assertThat(session.cause()).as("why the session ended").isInstanceOf(YamuxException.class)
        .extracting(Throwable::getMessage).isNotNull();
  }
}
