package io.gopluginjava.yamux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.gopluginjava.testing.SocketPair;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * A Java yamux server facing a peer that writes raw bytes: frames yamux forbids end the session with a clear
 * {@link YamuxProtocolException}, never a hang or a huge allocation.
 */
@DisplayName("a yamux session facing bad frames")
class BadFramesTest {

  private SocketPair pair;
  private Session server;
  private OutputStream peer;
  private InputStream fromServer;

  @BeforeEach
  void connect() throws IOException {
    pair = new SocketPair();
    server = SessionTest.session(pair.plugin(), false);
    peer = ChannelStreams.output(pair.host());
    fromServer = ChannelStreams.input(pair.host());
  }

  @AfterEach
  void close() throws IOException {
    server.close();
    pair.close();
  }

  private YamuxProtocolException sessionEndsWith(byte[]... frames) throws IOException {
    try {
      for (byte[] frame : frames) {
        peer.write(frame);
      }
    } catch (IOException sessionEndedFirst) {
      // The session may end (and close the socket) on a frame before the peer has written all of them: Broken pipe.
    }
    assertThatExceptionOfType(YamuxException.class).as("accept once the session has ended")
        .isThrownBy(() -> {
          for (int i = 0; i < frames.length; i++) {
            server.accept(); // streams the frames opened before the bad one
          }
        });
    assertThat(server.cause()).as("why the session ended").isInstanceOf(YamuxProtocolException.class);
    return (YamuxProtocolException) server.cause();
  }

  private static byte[] header(int version, int type, int flags, int stream, int length) {
    return ByteBuffer.allocate(12).put((byte) version).put((byte) type).putShort((short) flags).putInt(stream)
        .putInt(length).array();
  }

  @Test
  @DisplayName("opening a stream is a WindowUpdate with SYN and length 0, byte for byte what Go's yamux sends")
  void openBytes() throws IOException {
    try (SocketPair own = new SocketPair(); Session client = SessionTest.session(own.host(), true)) {
      client.open();
      assertThat(ChannelStreams.input(own.plugin()).readNBytes(12)).as("the SYN frame")
          .containsExactly(0, 1, 0, 1, 0, 0, 0, 1, 0, 0, 0, 0);
    }
  }

  @Test
  @DisplayName("an unknown version ends the session and says which version arrived")
  void unknownVersion() throws IOException {
    assertThat(sessionEndsWith(header(1, 0, 1, 1, 0))).hasMessageContaining("unknown version 1");
  }

  @Test
  @DisplayName("an unknown frame type ends the session and lists the known ones")
  void unknownType() throws IOException {
    assertThat(sessionEndsWith(header(0, 7, 0, 0, 0))).hasMessageContaining("unknown frame type 7")
        .hasMessageContaining("GoAway");
  }

  @Test
  @DisplayName("a data frame claiming 2 GiB ends the session before anything is allocated")
  void lengthPastBound() throws IOException {
    assertThat(sessionEndsWith(header(0, 0, 1, 1, Integer.MIN_VALUE))).hasMessageContaining("longer than the largest window");
  }

  @Test
  @DisplayName("data past the receive window ends the session")
  void windowExceeded() throws IOException {
    byte[] chunk = new byte[200 * 1024];
    YamuxProtocolException e = sessionEndsWith(header(0, 0, 1, 1, chunk.length), chunk,
        header(0, 0, 0, 1, chunk.length), chunk);
    assertThat(e).hasMessageContaining("receive window exceeded");
  }

  @Test
  @DisplayName("a window update past 2^32-1 ends the session")
  void windowOverflow() throws IOException {
    assertThat(sessionEndsWith(header(0, 1, 1, 1, 0), header(0, 1, 0, 1, -1)))
        .hasMessageContaining("overflows the send window");
  }

  @Test
  @DisplayName("a second SYN for an open stream ends the session")
  void duplicateSyn() throws IOException {
    assertThat(sessionEndsWith(header(0, 1, 1, 1, 0), header(0, 1, 1, 1, 0))).hasMessageContaining("already open");
  }

  @Test
  @DisplayName("a protocol error is reported to the peer with GoAway(protocol error)")
  void goAwayOnError() throws IOException {
    sessionEndsWith(header(9, 0, 0, 0, 0));
    assertThat(fromServer.readNBytes(12)).as("the server's last frame")
        .containsExactly(header(0, 3, 0, 0, Frame.GO_AWAY_PROTOCOL_ERROR));
  }

  @Test
  @DisplayName("keep-alive pings the peer, and a peer that never answers ends the session with a keepalive timeout")
  void keepAliveTimeout() throws IOException {
    YamuxConfig eager = new YamuxConfig(256, Duration.ofMillis(20), Duration.ofMillis(200),
        YamuxConfig.INITIAL_STREAM_WINDOW, 64);
    try (SocketPair own = new SocketPair();
        Session client = Session.client(ChannelStreams.input(own.host()), ChannelStreams.output(own.host()),
            own.host(), eager)) {
      byte[] ping = ChannelStreams.input(own.plugin()).readNBytes(12);
      assertThat(ping).as("the first keep-alive ping (the session's end, if it ended: %s)", client.cause())
          .containsExactly(header(0, 2, 1, 0, 0));
      assertThatExceptionOfType(YamuxException.class).isThrownBy(client::accept)
          .withMessageContaining("keepalive timeout");
    }
  }

  @Test
  @DisplayName("a ping is answered with ACK and the same opaque value")
  void pingAck() throws IOException {
    peer.write(header(0, 2, 1, 0, 77));
    byte[] answer = fromServer.readNBytes(12);
    assertThat(answer).as("the answer (the session's end, if it ended: %s)", server.cause())
        .containsExactly(header(0, 2, 2, 0, 77));
  }
}
