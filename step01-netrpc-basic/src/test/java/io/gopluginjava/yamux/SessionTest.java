package io.gopluginjava.yamux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.gopluginjava.testing.SocketPair;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Two Java yamux sessions, client and server, on the two ends of a real Unix socket. */
@DisplayName("a yamux session between two Java peers")
class SessionTest {

  private SocketPair pair;
  private Session client;
  private Session server;

  @BeforeEach
  void connect() throws IOException {
    pair = new SocketPair();
    client = session(pair.host(), true);
    server = session(pair.plugin(), false);
  }

  static Session session(SocketChannel channel, boolean client) {
    InputStream in = ChannelStreams.input(channel);
    OutputStream out = ChannelStreams.output(channel);
    YamuxConfig config = YamuxConfig.DEFAULT.withKeepAlive(Duration.ZERO);
    return client ? Session.client(in, out, channel, config) : Session.server(in, out, channel, config);
  }

  @AfterEach
  void close() throws IOException {
    client.close();
    server.close();
    pair.close();
  }

  @Test
  @DisplayName("a stream the client opens is accepted by the server, carries bytes both ways and has an odd id")
  void openAcceptEcho() throws IOException {
    Stream opened = client.open();
    opened.output().write("hello".getBytes(StandardCharsets.UTF_8));
    Stream accepted = server.accept();
    assertThat(accepted.id()).as("the server's view of the client's first stream id").isEqualTo(1);
    assertThat(new String(accepted.input().readNBytes(5), StandardCharsets.UTF_8)).as("what the server read")
        .isEqualTo("hello");
    accepted.output().write("world".getBytes(StandardCharsets.UTF_8));
    assertThat(new String(opened.input().readNBytes(5), StandardCharsets.UTF_8)).as("what the client read")
        .isEqualTo("world");
    assertThat(server.open().id()).as("the server's first own stream id").isEqualTo(2);
  }

  @Test
  @DisplayName("after a half-close the peer reads to the end, and can still answer on its side")
  void halfClose() throws IOException {
    Stream opened = client.open();
    opened.output().write(new byte[] {1, 2, 3});
    opened.close();
    Stream accepted = server.accept();
    assertThat(accepted.input().readAllBytes()).as("everything before the FIN, then the end").containsExactly(1, 2, 3);
    accepted.output().write(new byte[] {4});
    accepted.close();
    assertThat(opened.input().readAllBytes()).as("the answer after our own FIN").containsExactly(4);
    assertThatExceptionOfType(YamuxException.class).as("writing after close")
        .isThrownBy(() -> opened.output().write(5)).withMessageContaining("closed for writing");
  }

  @Test
  @DisplayName("1 MiB each way, four times the 256 KiB window, arrives intact because readers send window updates")
  void megabyteBothWays() throws Exception {
    byte[] data = new byte[1 << 20];
    new Random(16).nextBytes(data);
    Stream opened = client.open();
    CompletableFuture<Void> sending = CompletableFuture.runAsync(() -> {
      try {
        opened.output().write(data);
      } catch (IOException e) {
        throw new RuntimeException(e);
      }
    });
    Stream accepted = server.accept();
    byte[] got = accepted.input().readNBytes(data.length);
    sending.get();
    assertThat(got).as("the 1 MiB the server received").isEqualTo(data);
    CompletableFuture<byte[]> back = CompletableFuture.supplyAsync(() -> {
      try {
        return opened.input().readNBytes(data.length);
      } catch (IOException e) {
        throw new RuntimeException(e);
      }
    });
    accepted.output().write(data);
    assertThat(back.get()).as("the 1 MiB the client received").isEqualTo(data);
  }

  @Test
  @DisplayName("a ping is answered by the peer")
  void ping() throws IOException {
    assertThat(client.ping()).as("round trip of a ping").isPositive();
    assertThat(server.ping()).as("round trip of the server's ping").isPositive();
  }

  @Test
  @DisplayName("after the server's GoAway the client opens no more streams")
  void goAway() throws IOException {
    server.goAway();
    client.ping(); // the answer comes after the GoAway on the same connection: the client has seen it
    assertThatExceptionOfType(YamuxException.class).isThrownBy(client::open).withMessageContaining("GoAway");
  }

  @Test
  @DisplayName("when the peer hangs up, accept and reads end with an error instead of waiting forever")
  void peerHangsUp() throws IOException {
    Stream opened = client.open();
    server.accept();
    server.close();
    assertThatExceptionOfType(YamuxException.class).as("accept on the client after the server left")
        .isThrownBy(client::accept).withMessageContaining("closed");
    assertThatExceptionOfType(YamuxException.class).as("a read on a stream of the gone session")
        .isThrownBy(() -> opened.input().read()).withMessageContaining("the peer closed");
  }
}
