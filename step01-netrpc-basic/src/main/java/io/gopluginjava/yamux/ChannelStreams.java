package io.gopluginjava.yamux;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.ByteChannel;

/**
 * Input and output streams on a blocking channel that can read and write at the same time. The JDK's
 * {@code Channels.newInputStream}/{@code newOutputStream} share the channel's blocking lock, so a read waiting for the
 * peer blocks every write: a yamux session, which reads and writes concurrently, would deadlock on them.
 */
public final class ChannelStreams {

  private ChannelStreams() {
  }

  public static InputStream input(ByteChannel channel) {
    return new InputStream() {
      @Override
      public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
      }

      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        return len == 0 ? 0 : channel.read(ByteBuffer.wrap(b, off, len));
      }

      @Override
      public void close() throws IOException {
        channel.close();
      }
    };
  }

  public static OutputStream output(ByteChannel channel) {
    return new OutputStream() {
      @Override
      public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
      }

      @Override
      public void write(byte[] b, int off, int len) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(b, off, len);
        while (buffer.hasRemaining()) {
          channel.write(buffer);
        }
      }

      @Override
      public void close() throws IOException {
        channel.close();
      }
    };
  }
}
