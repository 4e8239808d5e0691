package io.gopluginjava.grpc;

import com.google.protobuf.ByteString;
import io.gopluginjava.grpc.proto.StdioData;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * What a plugin writes to {@code System.out} and {@code System.err} after its handshake, cut into chunks of at most
 * 1 KiB for {@code GRPCStdio}, as go-plugin redirects a Go plugin's {@code os.Stdout} and {@code os.Stderr}. The
 * queue is bounded: a plugin whose host never reads its output eventually blocks, as a Go plugin does.
 */
final class StdioCapture {

  static final int CHUNK_BYTES = 1024;

  private final BlockingQueue<StdioData> chunks = new ArrayBlockingQueue<>(1024);
  private volatile boolean closed;

  /** The real stderr, which feeds the host's log: for loggers, and for the plugin's last words. */
  static final PrintStream REAL_STDERR = new PrintStream(new FileOutputStream(FileDescriptor.err), true);

  /** From now on, {@code System.out} and {@code System.err} feed this capture. */
  void redirectSystemStreams() {
    System.setOut(new PrintStream(stream(StdioData.Channel.STDOUT), true));
    System.setErr(new PrintStream(stream(StdioData.Channel.STDERR), true));
  }

  /** The next chunk, or null when none came within {@code millis} or the capture is closed and drained. */
  StdioData next(long millis) throws InterruptedException {
    return chunks.poll(millis, TimeUnit.MILLISECONDS);
  }

  boolean isClosed() {
    return closed;
  }

  void close() {
    closed = true;
  }

  OutputStream stream(StdioData.Channel channel) {
    return new OutputStream() {
      @Override
      public void write(int b) {
        write(new byte[] {(byte) b}, 0, 1);
      }

      @Override
      public void write(byte[] bytes, int offset, int length) {
        for (int start = offset; start < offset + length; start += CHUNK_BYTES) {
          int end = Math.min(offset + length, start + CHUNK_BYTES);
          StdioData chunk = StdioData.newBuilder().setChannel(channel)
              .setData(ByteString.copyFrom(Arrays.copyOfRange(bytes, start, end))).build();
          try {
            while (!closed && !chunks.offer(chunk, 100, TimeUnit.MILLISECONDS)) {
              // the host is not reading yet: wait, as a Go plugin's write to its stdio pipe does
            }
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
          }
        }
      }
    };
  }
}
