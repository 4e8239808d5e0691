package io.gopluginjava.yamux;

import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayDeque;

/**
 * One yamux stream: an ordered, flow-controlled byte pipe inside a {@link Session}. Like hashicorp/yamux's
 * {@code Stream}, {@link #close()} is a half-close (it sends FIN): the peer's remaining data can still be read until it
 * closes its side too.
 */
public final class Stream implements Closeable {

  enum State { INIT, SYN_SENT, SYN_RECEIVED, ESTABLISHED, LOCAL_CLOSE, REMOTE_CLOSE, CLOSED, RESET }

  private final Session session;
  private final int id;
  private final ArrayDeque<byte[]> received = new ArrayDeque<>();
  private int headOffset;
  private long buffered;
  private long recvWindow;
  private long sendWindow = YamuxConfig.INITIAL_STREAM_WINDOW;
  private State state;
  private final InputStream input = new In();
  private final OutputStream output = new Out();
  /** Keeps one writer's frames, and the FIN after them, in order; never held while waiting for the reader. */
  private final Object writeLock = new Object();

  Stream(Session session, int id, State state) {
    this.session = session;
    this.id = id;
    this.state = state;
    this.recvWindow = YamuxConfig.INITIAL_STREAM_WINDOW;
  }

  /** The stream id: odd for streams the client side opened, even for the server side's. */
  public long id() {
    return Integer.toUnsignedLong(id);
  }

  public InputStream input() {
    return input;
  }

  public OutputStream output() {
    return output;
  }

  /** Half-closes: sends FIN. Reading goes on until the peer closes too. */
  @Override
  public void close() throws IOException {
    synchronized (writeLock) {
      boolean forget;
      int flags;
      synchronized (this) {
        switch (state) {
          case SYN_SENT, SYN_RECEIVED, ESTABLISHED, INIT -> {
            flags = takeOpenFlags() | Frame.FIN;
            state = State.LOCAL_CLOSE;
            forget = false;
          }
          case REMOTE_CLOSE -> {
            flags = Frame.FIN;
            state = State.CLOSED;
            forget = true;
          }
          default -> {
            return;
          }
        }
        notifyAll();
      }
      if (forget) {
        session.forget(id);
      }
      session.send(Frame.of(Frame.WINDOW_UPDATE, flags, id, 0).encode());
    }
  }

  /** Aborts the stream: sends RST, and both sides stop using it. */
  public void reset() throws IOException {
    synchronized (this) {
      if (state == State.CLOSED || state == State.RESET) {
        return;
      }
      state = State.RESET;
      notifyAll();
    }
    session.forget(id);
    synchronized (writeLock) {
      session.send(Frame.of(Frame.WINDOW_UPDATE, Frame.RST, id, 0).encode());
    }
  }

  /** The SYN or ACK flag the next frame must carry, if this is the stream's first frame in its direction. */
  private int takeOpenFlags() {
    if (state == State.INIT) {
      state = State.SYN_SENT;
      return Frame.SYN;
    }
    if (state == State.SYN_RECEIVED) {
      state = State.ESTABLISHED;
      return Frame.ACK;
    }
    return 0;
  }

  /** Sends the window update that opens (SYN) or accepts (ACK) this stream. */
  void sendOpenFlags() throws IOException {
    synchronized (writeLock) {
      int flags;
      synchronized (this) {
        flags = takeOpenFlags();
      }
      session.send(Frame.of(Frame.WINDOW_UPDATE, flags, id, 0).encode());
    }
  }

  /** Flags from the peer: called by the session's reader. Returns true when the stream is done for both sides. */
  synchronized boolean processFlags(Frame frame) throws YamuxProtocolException {
    boolean done = false;
    if (frame.has(Frame.ACK) && state == State.SYN_SENT) {
      state = State.ESTABLISHED;
    }
    if (frame.has(Frame.FIN)) {
      switch (state) {
        case SYN_SENT, SYN_RECEIVED, ESTABLISHED -> state = State.REMOTE_CLOSE;
        case LOCAL_CLOSE -> {
          state = State.CLOSED;
          done = true;
        }
        default -> throw new YamuxProtocolException(frame, "FIN on a stream in state " + state);
      }
    }
    if (frame.has(Frame.RST)) {
      state = State.RESET;
      done = true;
    }
    notifyAll();
    return done;
  }

  synchronized void addSendWindow(Frame frame) throws YamuxProtocolException {
    if (sendWindow + frame.length() > 0xffffffffL) {
      throw new YamuxProtocolException(frame, "window update overflows the send window of stream " + id()
          + " (" + sendWindow + " + " + frame.length() + " > 2^32-1)");
    }
    sendWindow += frame.length();
    notifyAll();
  }

  /** Data from the peer, read by the session's reader straight off the connection. */
  void receive(Frame frame, InputStream in) throws IOException {
    int length = (int) frame.length();
    synchronized (this) {
      if (frame.length() > recvWindow) {
        throw new YamuxProtocolException(frame, "receive window exceeded on stream " + id() + ": " + recvWindow
            + " bytes left, " + frame.length() + " sent");
      }
    }
    byte[] body = in.readNBytes(length);
    if (body.length < length) {
      throw new EOFException("the connection ended inside a data frame of stream " + id());
    }
    synchronized (this) {
      recvWindow -= length;
      buffered += length;
      received.add(body);
      notifyAll();
    }
  }

  /** The session ended: wake everyone waiting. */
  synchronized void sessionEnded() {
    notifyAll();
  }

  private int read(byte[] b, int off, int len) throws IOException {
    if (len == 0) {
      return 0;
    }
    int n = 0;
    byte[] update;
    synchronized (this) {
      while (received.isEmpty()) {
        if (state == State.RESET) {
          throw new YamuxException("stream " + id() + " was reset");
        }
        if (state == State.REMOTE_CLOSE || state == State.CLOSED) {
          return -1;
        }
        session.checkOpen();
        waitHere();
      }
      while (n < len && !received.isEmpty()) {
        byte[] head = received.peek();
        int take = Math.min(len - n, head.length - headOffset);
        System.arraycopy(head, headOffset, b, off + n, take);
        n += take;
        headOffset += take;
        if (headOffset == head.length) {
          received.poll();
          headOffset = 0;
        }
      }
      buffered -= n;
      update = windowUpdate();
    }
    if (update != null) {
      try {
        session.send(update);
      } catch (YamuxException closed) {
        // The data was read; a window nobody will use is not worth an error.
      }
    }
    return n;
  }

  /** More window for the peer once at least half of it has been read, as yamux does; null when not yet. */
  private byte[] windowUpdate() {
    long max = session.config().streamWindow();
    long delta = (max - buffered) - recvWindow;
    if (delta < max / 2 || state == State.REMOTE_CLOSE || state == State.CLOSED) {
      return null;
    }
    recvWindow += delta;
    return Frame.of(Frame.WINDOW_UPDATE, 0, id, delta).encode();
  }

  private void write(byte[] b, int off, int len) throws IOException {
    synchronized (writeLock) {
      writeLocked(b, off, len);
    }
  }

  private void writeLocked(byte[] b, int off, int len) throws IOException {
    while (len > 0) {
      byte[] frame;
      int n;
      synchronized (this) {
        while (true) {
          switch (state) {
            case LOCAL_CLOSE, CLOSED -> throw new YamuxException("stream " + id() + " is closed for writing");
            case RESET -> throw new YamuxException("stream " + id() + " was reset");
            default -> { }
          }
          session.checkOpen();
          if (sendWindow > 0) {
            break;
          }
          waitHere();
        }
        n = (int) Math.min(sendWindow, len);
        int flags = takeOpenFlags();
        frame = Frame.of(Frame.DATA, flags, id, n).encode(n).put(b, off, n).array();
        sendWindow -= n;
      }
      session.send(frame);
      off += n;
      len -= n;
    }
  }

  private void waitHere() throws YamuxException {
    try {
      wait();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new YamuxException("interrupted while waiting on stream " + id());
    }
  }

  private final class In extends InputStream {
    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      return Stream.this.read(b, off, len);
    }

    @Override
    public void close() throws IOException {
      Stream.this.close();
    }
  }

  private final class Out extends OutputStream {
    @Override
    public void write(int b) throws IOException {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      Stream.this.write(b, off, len);
    }

    @Override
    public void close() throws IOException {
      Stream.this.close();
    }
  }
}
