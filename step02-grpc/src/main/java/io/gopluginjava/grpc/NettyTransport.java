package io.gopluginjava.grpc;

import io.netty.channel.Channel;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollDomainSocketChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerDomainSocketChannel;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.kqueue.KQueue;
import io.netty.channel.kqueue.KQueueDomainSocketChannel;
import io.netty.channel.kqueue.KQueueIoHandler;
import io.netty.channel.kqueue.KQueueServerDomainSocketChannel;
import io.netty.channel.kqueue.KQueueServerSocketChannel;
import io.netty.channel.kqueue.KQueueSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioDomainSocketChannel;
import io.netty.channel.socket.nio.NioServerDomainSocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.channel.unix.DomainSocketAddress;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;
import java.util.Locale;

/**
 * The Netty transport this process uses for Unix sockets and TCP: native epoll on Linux, native kqueue on macOS, and
 * anywhere else (or when forced with {@value #PROPERTY} or {@value #ENV} = {@code nio}) the JDK's own NIO, whose Unix
 * domain sockets need JDK 16 and Netty 4.2. The native ones are what go-plugin's peers are measured against; NIO is
 * the path that needs no native library. Chosen once per process.
 */
public enum NettyTransport {
  EPOLL {
    @Override
    IoHandlerFactory ioHandlerFactory() {
      return EpollIoHandler.newFactory();
    }

    @Override
    Class<? extends ServerChannel> serverChannel(boolean unix) {
      return unix ? EpollServerDomainSocketChannel.class : EpollServerSocketChannel.class;
    }

    @Override
    Class<? extends Channel> channel(boolean unix) {
      return unix ? EpollDomainSocketChannel.class : EpollSocketChannel.class;
    }

    @Override
    SocketAddress unixAddress(String path) {
      return new DomainSocketAddress(path);
    }
  },
  KQUEUE {
    @Override
    IoHandlerFactory ioHandlerFactory() {
      return KQueueIoHandler.newFactory();
    }

    @Override
    Class<? extends ServerChannel> serverChannel(boolean unix) {
      return unix ? KQueueServerDomainSocketChannel.class : KQueueServerSocketChannel.class;
    }

    @Override
    Class<? extends Channel> channel(boolean unix) {
      return unix ? KQueueDomainSocketChannel.class : KQueueSocketChannel.class;
    }

    @Override
    SocketAddress unixAddress(String path) {
      return new DomainSocketAddress(path);
    }
  },
  NIO {
    @Override
    IoHandlerFactory ioHandlerFactory() {
      return NioIoHandler.newFactory();
    }

    @Override
    Class<? extends ServerChannel> serverChannel(boolean unix) {
      return unix ? NioServerDomainSocketChannel.class : NioServerSocketChannel.class;
    }

    @Override
    Class<? extends Channel> channel(boolean unix) {
      return unix ? NioDomainSocketChannel.class : NioSocketChannel.class;
    }

    @Override
    SocketAddress unixAddress(String path) {
      return UnixDomainSocketAddress.of(path);
    }
  };

  /** The system property that forces a transport: {@code nio}, or {@code auto} (the default). */
  public static final String PROPERTY = "goplugin.transport";
  /** The same switch as an environment variable, which a host's plugin processes inherit; the property wins. */
  public static final String ENV = "GOPLUGIN_TRANSPORT";

  abstract IoHandlerFactory ioHandlerFactory();

  abstract Class<? extends ServerChannel> serverChannel(boolean unix);

  abstract Class<? extends Channel> channel(boolean unix);

  abstract SocketAddress unixAddress(String path);

  private static NettyTransport chosen;

  /**
   * The transport of this process: chosen on first use (a native library loads then), from the switch and what the
   * platform has, and kept.
   *
   * @throws IllegalStateException when the switch has a value other than {@code auto} or {@code nio}
   */
  public static synchronized NettyTransport current() {
    if (chosen == null) {
      String property = System.getProperty(PROPERTY);
      chosen = choose(property != null ? property : System.getenv(ENV));
    }
    return chosen;
  }

  /** The transport that {@code setting} (the switch's value, or null when unset) picks on this platform. */
  static NettyTransport choose(String setting) {
    String value = setting == null || setting.isBlank() ? "auto" : setting.strip().toLowerCase(Locale.ROOT);
    switch (value) {
      case "nio":
        return NIO;
      case "auto":
        if (Epoll.isAvailable()) {
          return EPOLL;
        }
        return KQueue.isAvailable() ? KQUEUE : NIO;
      default:
        throw new IllegalStateException(PROPERTY + " (or " + ENV + ") is \"" + setting + "\"; expected \"auto\" (native"
            + " epoll or kqueue when the platform has it, else NIO) or \"nio\" (the JDK's own sockets, no native code)");
    }
  }
}
