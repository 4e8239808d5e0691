package io.gopluginjava.netrpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.gopluginjava.testing.SocketPair;
import io.gopluginjava.yamux.ChannelStreams;
import io.gopluginjava.yamux.Session;
import io.gopluginjava.yamux.Stream;
import io.gopluginjava.yamux.YamuxConfig;
import io.gopluginjava.yamux.YamuxException;
import java.io.IOException;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Two MuxBrokers on the two ends of one yamux session over a real Unix socket. */
@DisplayName("the MuxBroker pairs streams by id")
class MuxBrokerTest {

  private SocketPair pair;
  private Session host;
  private Session plugin;

  @BeforeEach
  void connect() throws IOException {
    pair = new SocketPair();
    host = session(pair.host(), true);
    plugin = session(pair.plugin(), false);
  }

  private static Session session(SocketChannel channel, boolean client) {
    YamuxConfig config = YamuxConfig.DEFAULT.withKeepAlive(Duration.ZERO);
    return client
        ? Session.client(ChannelStreams.input(channel), ChannelStreams.output(channel), channel, config)
        : Session.server(ChannelStreams.input(channel), ChannelStreams.output(channel), channel, config);
  }

  @AfterEach
  void close() throws IOException {
    host.close();
    plugin.close();
    pair.close();
  }

  @Test
  @DisplayName("the side that hands out an id accepts the stream the other side dials with it, in either order")
  void dialAndAccept() throws Exception {
    MuxBroker hostBroker = new MuxBroker(host).start();
    MuxBroker pluginBroker = new MuxBroker(plugin).start();
    long id = pluginBroker.nextId();
    CompletableFuture<Stream> accepted = CompletableFuture.supplyAsync(() -> {
      try {
        return pluginBroker.accept(id);
      } catch (IOException e) {
        throw new RuntimeException(e);
      }
    });
    Stream dialled = hostBroker.dial(id);
    dialled.output().write(42);
    assertThat(accepted.get().input().read()).as("the byte sent on the dialled stream").isEqualTo(42);
    assertThat(pluginBroker.nextId()).as("ids count up from 1").isEqualTo(2);
  }

  @Test
  @DisplayName("an id nobody dials fails the accept after the timeout, with go-plugin's words")
  void acceptTimesOut() {
    MuxBroker pluginBroker = new MuxBroker(plugin, Duration.ofMillis(50)).start();
    assertThatExceptionOfType(YamuxException.class).isThrownBy(() -> pluginBroker.accept(7))
        .withMessageContaining("timeout waiting for accept").withMessageContaining("broker id 7");
  }

  @Test
  @DisplayName("a dial whose ack names another id is refused")
  void badAck() throws Exception {
    CompletableFuture<Void> liar = CompletableFuture.runAsync(() -> {
      try {
        Stream stream = plugin.accept();
        stream.input().readNBytes(4);
        stream.output().write(new byte[] {9, 0, 0, 0});
      } catch (IOException e) {
        throw new RuntimeException(e);
      }
    });
    assertThatExceptionOfType(YamuxException.class).isThrownBy(() -> new MuxBroker(host).dial(3))
        .withMessageContaining("bad ack: 9 (expected 3)");
    liar.get();
  }
}
