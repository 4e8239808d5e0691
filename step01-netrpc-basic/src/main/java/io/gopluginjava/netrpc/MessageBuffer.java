package io.gopluginjava.netrpc;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Holds a net/rpc message, its header and its body, until {@link #send}, as Go's gob codec for net/rpc holds them in a
 * {@code bufio.Writer} it flushes once per request or response: the message leaves in one write, so in one yamux
 * frame, where a write per gob value (a byte count, then the value, twice) would send four.
 */
final class MessageBuffer extends OutputStream {

  private final OutputStream out;
  private final ByteArrayOutputStream pending = new ByteArrayOutputStream(256);

  MessageBuffer(OutputStream out) {
    this.out = out;
  }

  @Override
  public void write(int b) {
    pending.write(b);
  }

  @Override
  public void write(byte[] b, int off, int len) {
    pending.write(b, off, len);
  }

  /** The gob encoder flushes after each value; the message leaves only with {@link #send}. */
  @Override
  public void flush() {
  }

  /** Writes the whole message to the stream and flushes it. */
  void send() throws IOException {
    pending.writeTo(out);
    pending.reset();
    out.flush();
  }

  /** Drops what a failed encoding left behind, so that it cannot precede the next message. */
  void discard() {
    pending.reset();
  }

  @Override
  public void close() throws IOException {
    out.close();
  }
}
