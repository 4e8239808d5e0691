package io.gopluginjava.grpc;

import io.gopluginjava.yamux.Stream;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.concurrent.Executor;

/**
 * Joins one yamux stream to one in-JVM Netty channel, byte for byte both ways, so that grpc-java's Netty transport
 * (TLS included) runs over a stream of a multiplexed connection as over a socket. A pool thread reads the stream into
 * the channel; what the channel reads is written to the stream by a pool task, never on the event loop, since a yamux
 * write waits while the peer's window is full. Either end closing closes the other.
 */
final class StreamBridge extends ChannelInboundHandlerAdapter {

  private final Stream stream;
  private final Executor pool;
  private final ArrayDeque<byte[]> toStream = new ArrayDeque<>();
  private boolean writing;
  private boolean closeAfterWrites;

  private StreamBridge(Stream stream, Executor pool) {
    this.stream = stream;
    this.pool = pool;
  }

  /** Bridges {@code channel}, active or about to be, with {@code stream}. */
  static void join(Channel channel, Stream stream, Executor pool) {
    StreamBridge bridge = new StreamBridge(stream, pool);
    channel.pipeline().addLast(bridge);
    pool.execute(() -> bridge.pumpIntoChannel(channel));
  }

  private void pumpIntoChannel(Channel channel) {
    byte[] buffer = new byte[16 * 1024];
    try {
      InputStream in = stream.input();
      int n;
      while ((n = in.read(buffer)) >= 0) {
        channel.writeAndFlush(Unpooled.copiedBuffer(buffer, 0, n));
      }
    } catch (IOException ended) {
      // the stream was reset, or the session ended: the channel goes too
    }
    channel.close();
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    ByteBuf buf = (ByteBuf) msg;
    byte[] bytes;
    try {
      bytes = new byte[buf.readableBytes()];
      buf.readBytes(bytes);
    } finally {
      buf.release();
    }
    enqueue(bytes, false);
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    enqueue(null, true);
    ctx.fireChannelInactive();
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    ctx.close();
  }

  private void enqueue(byte[] bytes, boolean close) {
    synchronized (toStream) {
      if (bytes != null) {
        toStream.add(bytes);
      }
      closeAfterWrites |= close;
      if (writing) {
        return;
      }
      writing = true;
    }
    pool.execute(this::drain);
  }

  /** Writes what the channel read, in order, then half-closes the stream once the channel is gone. */
  private void drain() {
    while (true) {
      byte[] next;
      boolean close;
      synchronized (toStream) {
        next = toStream.poll();
        close = closeAfterWrites;
        if (next == null) {
          writing = false;
          if (!close) {
            return;
          }
        }
      }
      try {
        if (next != null) {
          stream.output().write(next);
        } else {
          stream.close();
          return;
        }
      } catch (IOException e) {
        synchronized (toStream) {
          toStream.clear();
          writing = false;
        }
        resetQuietly();
        return;
      }
    }
  }

  private void resetQuietly() {
    try {
      stream.reset();
    } catch (IOException alreadyGone) {
      // the session ended: nothing to tell the peer
    }
  }
}
