package io.gopluginjava.step04.conformance;

import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.ssl.SslContext;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLException;

/**
 * One TLS handshake with a plugin, and what its end says: refused by the peer (an alert or a handshake failure),
 * accepted (the peer sent data: an HTTP/2 server speaks first), closed without a word, or silent.
 *
 * <p>Not through gRPC: with TLS 1.3 the client finishes its handshake before the server has checked the client's
 * certificate, so a refusal arrives as an alert after the client has sent its HTTP/2 preface, and a peer that closes
 * with that preface unread may reset the connection before the alert is read ("Network closed for unknown reason").
 * Sending nothing after the handshake leaves the alert readable.
 */
final class TlsProbe {

  enum Outcome { REFUSED, ACCEPTED, CLOSED, SILENT, UNREACHABLE }

  record Result(Outcome outcome, String detail) {}

  private TlsProbe() {}

  static Result handshake(String network, String address, SslContext tls, Duration timeout) {
    SocketAddress target = network.equals("unix") ? UnixDomainSocketAddress.of(address) : tcp(address);
    SocketChannel channel;
    try {
      channel = SocketChannel.open(target);
    } catch (IOException e) {
      return new Result(Outcome.UNREACHABLE, "could not connect to " + network + " " + address + ": " + e);
    }
    // Blocking reads have no timeout: closing the channel ends a read that waits too long.
    CompletableFuture<Void> watchdog = CompletableFuture.runAsync(() -> close(channel),
        CompletableFuture.delayedExecutor(timeout.toMillis(), TimeUnit.MILLISECONDS));
    try (channel) {
      SSLEngine engine = tls.newEngine(ByteBufAllocator.DEFAULT, "localhost", 0);
      return run(engine, channel);
    } catch (SSLException e) {
      return new Result(Outcome.REFUSED, e.getMessage());
    } catch (IOException e) {
      return watchdog.isDone() ? new Result(Outcome.SILENT, "no answer within " + timeout.toMillis() + " ms")
          : new Result(Outcome.CLOSED, "the connection broke: " + e);
    } finally {
      watchdog.cancel(false);
    }
  }

  private static Result run(SSLEngine engine, SocketChannel channel) throws IOException {
    ByteBuffer empty = ByteBuffer.allocate(0);
    ByteBuffer netOut = ByteBuffer.allocate(engine.getSession().getPacketBufferSize());
    ByteBuffer netIn = ByteBuffer.allocate(engine.getSession().getPacketBufferSize());
    ByteBuffer appIn = ByteBuffer.allocate(engine.getSession().getApplicationBufferSize());
    engine.beginHandshake();
    while (true) {
      switch (engine.getHandshakeStatus()) {
        case NEED_WRAP -> {
          netOut.clear();
          engine.wrap(empty, netOut);
          netOut.flip();
          while (netOut.hasRemaining()) {
            channel.write(netOut);
          }
        }
        case NEED_TASK -> {
          for (Runnable task; (task = engine.getDelegatedTask()) != null; ) {
            task.run();
          }
        }
        default -> { // NEED_UNWRAP while handshaking, NOT_HANDSHAKING afterwards: wait for what the peer says
          netIn.flip();
          SSLEngineResult result = engine.unwrap(netIn, appIn);
          netIn.compact();
          if (appIn.position() > 0) {
            return new Result(Outcome.ACCEPTED, "the handshake succeeded and the plugin sent "
                + appIn.position() + " bytes of application data");
          }
          if (result.getStatus() == SSLEngineResult.Status.CLOSED) {
            return new Result(Outcome.CLOSED, "the plugin closed TLS without an alert");
          }
          if (result.getStatus() == SSLEngineResult.Status.BUFFER_UNDERFLOW || result.bytesConsumed() == 0) {
            if (channel.read(netIn) < 0) {
              return new Result(Outcome.CLOSED, "the plugin closed the connection without a TLS alert");
            }
          }
        }
      }
    }
  }

  private static InetSocketAddress tcp(String address) {
    int colon = address.lastIndexOf(':');
    return new InetSocketAddress(address.substring(0, colon), Integer.parseInt(address.substring(colon + 1)));
  }

  private static void close(SocketChannel channel) {
    try {
      channel.close();
    } catch (IOException e) {
      // closing is all the watchdog does
    }
  }
}
