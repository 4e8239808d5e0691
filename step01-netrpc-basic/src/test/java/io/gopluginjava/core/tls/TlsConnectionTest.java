package io.gopluginjava.core.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.gopluginjava.testing.SocketPair;
import io.gopluginjava.yamux.ChannelStreams;
import java.io.IOException;
import java.nio.channels.SocketChannel;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * AutoMTLS on a plain Unix socket with the JDK's SSLEngine, as the netrpc wire uses it: each side presents its own
 * certificate and trusts exactly the other's.
 */
@DisplayName("TlsConnection: mutual TLS on a Unix socket")
class TlsConnectionTest {

  private static AutoMtlsCertificate host;
  private static AutoMtlsCertificate plugin;

  @BeforeAll
  static void certificates() {
    host = AutoMtlsCertificate.generate();
    plugin = AutoMtlsCertificate.generate();
  }

  @Test
  @DisplayName("with each other's certificates both sides finish the handshake, and 1 MiB goes each way at once")
  void matchingCertificatesCarryData() throws Exception {
    try (SocketPair pair = new SocketPair()) {
      CompletableFuture<TlsConnection> served = CompletableFuture.supplyAsync(
          () -> handshake(MtlsEngines.server(plugin, host.certificate()), pair.plugin()));
      TlsConnection client = handshake(MtlsEngines.client(host, plugin.certificate()), pair.host());
      TlsConnection server = served.get(20, TimeUnit.SECONDS);

      byte[] up = randomBytes(1 << 20, 1);
      byte[] down = randomBytes(1 << 20, 2);
      CompletableFuture<Void> clientWrites = CompletableFuture.runAsync(() -> write(client, up));
      CompletableFuture<Void> serverWrites = CompletableFuture.runAsync(() -> write(server, down));
      CompletableFuture<byte[]> serverReads = CompletableFuture.supplyAsync(() -> read(server, up.length));
      assertThat(client.input().readNBytes(down.length)).as("what the plugin sent, read by the host").isEqualTo(down);
      assertThat(serverReads.get(20, TimeUnit.SECONDS)).as("what the host sent, read by the plugin").isEqualTo(up);
      clientWrites.get(20, TimeUnit.SECONDS);
      serverWrites.get(20, TimeUnit.SECONDS);

      client.close();
      assertThat(server.input().read()).as("the plugin's read after the host closed (close_notify)").isEqualTo(-1);
      server.close();
    }
  }

  @Test
  @DisplayName("a host presenting a certificate the plugin was not given is refused in the handshake, on both sides")
  void strangerHostIsRefused() throws Exception {
    try (SocketPair pair = new SocketPair()) {
      AutoMtlsCertificate stranger = AutoMtlsCertificate.generate();
      CompletableFuture<TlsConnection> served = CompletableFuture.supplyAsync(
          () -> handshake(MtlsEngines.server(plugin, host.certificate()), pair.plugin()));
      // Under TLS 1.3 the client's handshake ends before the server has checked its certificate: the client learns
      // of the refusal from the alert, on its first read (so does a Go client).
      TlsConnection client = new TlsConnection(MtlsEngines.client(stranger, plugin.certificate()),
          ChannelStreams.input(pair.host()), ChannelStreams.output(pair.host()), pair.host()).handshake();
      assertThatExceptionOfType(SSLException.class).as("the stranger's first read")
          .isThrownBy(() -> client.input().read());
      assertThatExceptionOfType(ExecutionException.class).isThrownBy(() -> served.get(20, TimeUnit.SECONDS))
          .as("the plugin's side of the handshake")
          .havingCause().withMessageContaining("plugin handshake failed");
    }
  }

  @Test
  @DisplayName("a plugin presenting another certificate than the one it announced is refused by the host")
  void strangerPluginIsRefused() throws Exception {
    try (SocketPair pair = new SocketPair()) {
      AutoMtlsCertificate stranger = AutoMtlsCertificate.generate();
      CompletableFuture<TlsConnection> served = CompletableFuture.supplyAsync(
          () -> handshake(MtlsEngines.server(stranger, host.certificate()), pair.plugin()));
      assertThatExceptionOfType(SSLException.class)
          .as("the host's side of the handshake")
          .isThrownBy(() -> new TlsConnection(MtlsEngines.client(host, plugin.certificate()),
              ChannelStreams.input(pair.host()), ChannelStreams.output(pair.host()), pair.host()).handshake())
          .withMessageContaining("PKIX");
      assertThatExceptionOfType(ExecutionException.class).isThrownBy(() -> served.get(20, TimeUnit.SECONDS))
          .as("the plugin's side of the handshake");
    }
  }

  private static TlsConnection handshake(SSLEngine engine, SocketChannel channel) {
    try {
      return new TlsConnection(engine, ChannelStreams.input(channel), ChannelStreams.output(channel), channel)
          .handshake();
    } catch (IOException e) {
      String side = engine.getUseClientMode() ? "host" : "plugin";
      throw new IllegalStateException(side + " handshake failed: " + e.getMessage(), e);
    }
  }

  private static byte[] randomBytes(int size, long seed) {
    byte[] bytes = new byte[size];
    new Random(seed).nextBytes(bytes);
    return bytes;
  }

  private static void write(TlsConnection connection, byte[] bytes) {
    try {
      for (int at = 0; at < bytes.length; at += 10_000) {
        connection.output().write(bytes, at, Math.min(10_000, bytes.length - at));
      }
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] read(TlsConnection connection, int size) {
    try {
      return connection.input().readNBytes(size);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

}
