package io.gopluginjava.yamux;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.HexFormat;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The 12-byte yamux header, byte for byte as hashicorp/yamux lays it out ({@code const.go}, {@code header}). */
@DisplayName("a yamux frame header")
class FrameTest {

  private static String hex(Frame frame) {
    return HexFormat.ofDelimiter(" ").formatHex(frame.encode());
  }

  @Test
  @DisplayName("opening stream 1 is version 0, type WindowUpdate, flag SYN, stream 1, length 0: 12 big-endian bytes")
  void openStreamOne() {
    assertThat(hex(Frame.of(Frame.WINDOW_UPDATE, Frame.SYN, 1, 0)))
        .as("the header of the first stream a client opens")
        .isEqualTo("00 01 00 01 00 00 00 01 00 00 00 00");
  }

  @Test
  @DisplayName("a Data header carries the body's length; stream ids and lengths past 2^31 stay unsigned")
  void dataAndUnsignedFields() {
    assertThat(hex(Frame.of(Frame.DATA, Frame.ACK | Frame.FIN, 2, 300)))
        .as("Data, ACK|FIN, stream 2, 300 bytes of body")
        .isEqualTo("00 00 00 06 00 00 00 02 00 00 01 2c");
    assertThat(hex(Frame.of(Frame.WINDOW_UPDATE, 0, 0xfffffffd, 0xffffffffL)))
        .as("the highest stream id and window increment")
        .isEqualTo("00 01 00 00 ff ff ff fd ff ff ff ff");
  }

  @Test
  @DisplayName("what is written reads back as the same frame")
  void roundTrip() throws IOException {
    Frame ping = Frame.of(Frame.PING, Frame.SYN, 0, 0x12345678L);
    assertThat(Frame.read(new ByteArrayInputStream(ping.encode()))).as("the ping read back").isEqualTo(ping);
  }
}
