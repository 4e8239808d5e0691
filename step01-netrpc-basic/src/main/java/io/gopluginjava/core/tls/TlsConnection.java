package io.gopluginjava.core.tls;

import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.concurrent.locks.ReentrantLock;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLException;

/**
 * TLS on a blocking byte stream with the JDK's {@link SSLEngine}: the JDK's {@code SSLSocket} cannot wrap a Unix
 * domain socket channel, which has no {@code java.net.Socket}. The handshake runs once, in {@link #handshake()}; after
 * it one thread may read while another writes (yamux's reader and writer), as an engine allows wrap and unwrap to run
 * at once. A message the engine must answer while reading (TLS 1.3's key update) is written under the write lock.
 */
public final class TlsConnection implements Closeable {

  private final SSLEngine engine;
  private final InputStream rawIn;
  private final OutputStream rawOut;
  private final Closeable raw;
  private final Object readLock = new Object();
  private final ReentrantLock writeLock = new ReentrantLock();
  private ByteBuffer netIn;  // received, not yet unwrapped; kept ready to read
  private ByteBuffer appIn;  // unwrapped, not yet read; kept ready to read
  private ByteBuffer netOut;
  private boolean inputEnded;
  private volatile boolean closed;

  public TlsConnection(SSLEngine engine, InputStream rawIn, OutputStream rawOut, Closeable raw) {
    this.engine = engine;
    this.rawIn = rawIn;
    this.rawOut = rawOut;
    this.raw = raw;
    this.netIn = ByteBuffer.allocate(engine.getSession().getPacketBufferSize()).flip();
    this.appIn = ByteBuffer.allocate(engine.getSession().getApplicationBufferSize()).flip();
    this.netOut = ByteBuffer.allocate(engine.getSession().getPacketBufferSize());
  }

  /**
   * Runs the TLS handshake to its end; a peer that presents the wrong certificate, or none, fails it here with an
   * {@link SSLException} naming why, and a peer that hangs up fails it with an {@link EOFException}.
   */
  public TlsConnection handshake() throws IOException {
    try {
      runHandshake();
    } catch (SSLException e) {
      sendAlert(); // so that the peer learns why, e.g. Go's "remote error: tls: bad certificate"
      throw e;
    }
    return this;
  }

  private void sendAlert() {
    try {
      engine.closeOutbound();
      wrap(ByteBuffer.allocate(0));
    } catch (IOException | RuntimeException ignored) {
      // The peer may be gone already; the handshake's own failure is the one to report.
    }
  }

  private void runHandshake() throws IOException {
    engine.beginHandshake();
    HandshakeStatus status = engine.getHandshakeStatus();
    while (status != HandshakeStatus.FINISHED && status != HandshakeStatus.NOT_HANDSHAKING) {
      switch (status) {
        case NEED_WRAP -> status = wrap(ByteBuffer.allocate(0)).getHandshakeStatus();
        case NEED_UNWRAP, NEED_UNWRAP_AGAIN -> {
          SSLEngineResult result;
          synchronized (readLock) {
            result = unwrap();
          }
          if (result == null) {
            throw new EOFException("the peer closed the connection during the TLS handshake");
          }
          status = result.getHandshakeStatus();
        }
        case NEED_TASK -> status = runTasks();
        default -> throw new SSLException("unexpected TLS handshake status " + status);
      }
    }
  }

  public InputStream input() {
    return new InputStream() {
      @Override
      public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
      }

      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        return len == 0 ? 0 : TlsConnection.this.read(b, off, len);
      }

      @Override
      public void close() throws IOException {
        TlsConnection.this.close();
      }
    };
  }

  public OutputStream output() {
    return new OutputStream() {
      @Override
      public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
      }

      @Override
      public void write(byte[] b, int off, int len) throws IOException {
        ByteBuffer plain = ByteBuffer.wrap(b, off, len);
        while (plain.hasRemaining()) {
          wrap(plain);
        }
      }

      @Override
      public void close() throws IOException {
        TlsConnection.this.close();
      }
    };
  }

  private int read(byte[] b, int off, int len) throws IOException {
    synchronized (readLock) {
      while (!appIn.hasRemaining()) {
        if (inputEnded) {
          return -1;
        }
        SSLEngineResult result = unwrap();
        if (result == null || result.getStatus() == SSLEngineResult.Status.CLOSED) {
          inputEnded = true;
          return appIn.hasRemaining() ? Math.min(len, copy(b, off, len)) : -1;
        }
        answerIfAsked(result.getHandshakeStatus());
      }
      return copy(b, off, len);
    }
  }

  private int copy(byte[] b, int off, int len) {
    int n = Math.min(len, appIn.remaining());
    appIn.get(b, off, n);
    return n;
  }

  /** One record unwrapped into {@link #appIn}, reading from the connection as needed; null at the connection's end. */
  private SSLEngineResult unwrap() throws IOException {
    while (true) {
      appIn.compact();
      SSLEngineResult result;
      try {
        result = engine.unwrap(netIn, appIn);
      } finally {
        appIn.flip();
      }
      switch (result.getStatus()) {
        case OK, CLOSED -> {
          return result;
        }
        case BUFFER_OVERFLOW -> appIn = grow(appIn, engine.getSession().getApplicationBufferSize());
        case BUFFER_UNDERFLOW -> {
          if (netIn.limit() == netIn.capacity() && netIn.position() == 0) {
            netIn = grow(netIn, engine.getSession().getPacketBufferSize());
          }
          if (!fill()) {
            return null;
          }
        }
        default -> throw new SSLException("unexpected TLS status " + result.getStatus());
      }
    }
  }

  /** Reads more of the connection into {@link #netIn}; false at its end. */
  private boolean fill() throws IOException {
    netIn.compact();
    try {
      int n = rawIn.read(netIn.array(), netIn.arrayOffset() + netIn.position(), netIn.remaining());
      if (n < 0) {
        return false;
      }
      netIn.position(netIn.position() + n);
      return true;
    } finally {
      netIn.flip();
    }
  }

  /** Wraps what the engine takes of {@code plain} into one record and writes it. */
  private SSLEngineResult wrap(ByteBuffer plain) throws IOException {
    writeLock.lock();
    try {
      while (true) {
        netOut.clear();
        SSLEngineResult result = engine.wrap(plain, netOut);
        switch (result.getStatus()) {
          case OK -> {
            rawOut.write(netOut.array(), netOut.arrayOffset(), netOut.position());
            rawOut.flush();
            return result;
          }
          case BUFFER_OVERFLOW -> netOut = ByteBuffer.allocate(netOut.capacity() * 2);
          case CLOSED -> {
            if (netOut.position() > 0) {
              rawOut.write(netOut.array(), netOut.arrayOffset(), netOut.position());
              rawOut.flush();
            }
            if (plain.hasRemaining()) {
              throw new IOException("the TLS connection is closed");
            }
            return result;
          }
          default -> throw new SSLException("unexpected TLS status " + result.getStatus());
        }
      }
    } finally {
      writeLock.unlock();
    }
  }

  /** After the handshake, an engine may still ask to run a task or to send an answer (a TLS 1.3 key update). */
  private void answerIfAsked(HandshakeStatus status) throws IOException {
    while (true) {
      switch (status) {
        case NEED_TASK -> status = runTasks();
        case NEED_WRAP -> status = wrap(ByteBuffer.allocate(0)).getHandshakeStatus();
        default -> {
          return;
        }
      }
    }
  }

  private HandshakeStatus runTasks() {
    for (Runnable task = engine.getDelegatedTask(); task != null; task = engine.getDelegatedTask()) {
      task.run();
    }
    return engine.getHandshakeStatus();
  }

  private static ByteBuffer grow(ByteBuffer buffer, int atLeast) {
    ByteBuffer bigger = ByteBuffer.allocate(Math.max(buffer.capacity() * 2, atLeast));
    bigger.put(buffer).flip();
    return bigger;
  }

  /** Sends TLS's close_notify when no write is under way, then closes the connection under it. */
  @Override
  public void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    try {
      if (writeLock.tryLock()) {
        try {
          engine.closeOutbound();
          wrap(ByteBuffer.allocate(0));
        } catch (IOException ignored) {
          // The peer is gone already: nothing to tell it.
        } finally {
          writeLock.unlock();
        }
      }
    } finally {
      raw.close();
    }
  }
}
