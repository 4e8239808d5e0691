package io.gopluginjava.grpc;

import io.gopluginjava.yamux.ChannelStreams;
import io.gopluginjava.yamux.Session;
import io.gopluginjava.yamux.Stream;
import io.gopluginjava.yamux.YamuxConfig;
import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.local.LocalAddress;
import io.netty.channel.local.LocalChannel;
import io.netty.channel.local.LocalIoHandler;
import io.netty.channel.local.LocalServerChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.io.IOException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * go-plugin's gRPC broker multiplexing ({@code internal/grpcmux}, {@code GRPCBrokerMultiplex}): every gRPC connection
 * between a host and its plugin is a yamux stream of the one socket connection the host makes. The host opens streams
 * for the main connection as it needs them; a brokered connection is a stream opened right after a knock for its id
 * was acknowledged on the broker stream, so the side that accepts the stream gives it to the server of that id. A
 * stream that follows no knock goes to the plugin's main server (a host has none, and resets it). Each stream is joined
 * to an in-JVM Netty channel ({@link StreamBridge}), so grpc-java serves and dials it, TLS included, as a socket.
 */
final class GrpcMux implements AutoCloseable {

  /** How long the plugin waits for the host's one connection before serving nothing. */
  private static final Duration FIRST_CONNECTION = Duration.ofMinutes(1);
  private static final AtomicInteger NAMES = new AtomicInteger();

  private final String side;
  private final LocalAddress mainServer; // the plugin's main gRPC server; null on a host
  private final CompletableFuture<Session> session = new CompletableFuture<>();
  private final Map<Integer, LocalAddress> listeners = new ConcurrentHashMap<>();
  private final ConcurrentLinkedQueue<Integer> knocked = new ConcurrentLinkedQueue<>();
  private final Set<Channel> dialers = ConcurrentHashMap.newKeySet();
  private final Object dialing = new Object();
  private final ExecutorService pool = Executors.newCachedThreadPool(runnable -> {
    Thread thread = new Thread(runnable, "goplugin-grpcmux");
    thread.setDaemon(true);
    return thread;
  });
  private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(2,
      new DefaultThreadFactory("goplugin-grpcmux-loop", true), LocalIoHandler.newFactory());
  private volatile ServerSocketChannel listener;
  private volatile boolean closed;

  private GrpcMux(String side, LocalAddress mainServer) {
    this.side = side;
    this.mainServer = mainServer;
  }

  /** The event loops of this connection's in-JVM channels: grpc-java's servers and channels on it use them too. */
  EventLoopGroup group() {
    return group;
  }

  /**
   * The plugin's side: accepts the host's one connection on {@code listener} (closed once it has), then hands every
   * stream the host opens without a knock to {@code mainServer}.
   */
  static GrpcMux onPlugin(ServerSocketChannel listener, LocalAddress mainServer) {
    GrpcMux mux = new GrpcMux("plugin", mainServer);
    mux.listener = listener;
    mux.pool.execute(() -> {
      try (listener) {
        SocketChannel connection = listener.accept();
        mux.started(Session.server(ChannelStreams.input(connection), ChannelStreams.output(connection), connection,
            YamuxConfig.DEFAULT));
      } catch (IOException e) {
        mux.session.completeExceptionally(e);
      }
    });
    return mux;
  }

  /** The host's side: connects to the plugin's address now, as go-plugin's {@code NewGRPCClientMuxer}. */
  static GrpcMux onHost(String network, String address) throws IOException {
    SocketChannel connection = SocketChannel.open(Transport.jdkAddress(network, address));
    GrpcMux mux = new GrpcMux("host", null);
    mux.started(Session.client(ChannelStreams.input(connection), ChannelStreams.output(connection), connection,
        YamuxConfig.DEFAULT));
    return mux;
  }

  private void started(Session started) {
    session.complete(started);
    pool.execute(() -> acceptLoop(started));
    if (closed) {
      started.close();
    }
  }

  /** An in-JVM address for a server of this side: the main one, or a brokered one. */
  static LocalAddress newServerAddress(String what) {
    return new LocalAddress("goplugin-grpcmux-" + what + "-" + NAMES.incrementAndGet());
  }

  /** From now on a knock for {@code id} gives the next stream the peer opens to the server at {@code server}. */
  void listen(int id, LocalAddress server) {
    listeners.put(id, server);
  }

  void stopListening(int id) {
    listeners.remove(id);
  }

  /** The peer knocked for {@code id}: null when its next stream will reach that server, else why not. */
  String acceptKnock(int id) {
    if (!listeners.containsKey(id)) {
      return "no listener for id " + id + " on the " + side;
    }
    knocked.add(id);
    return null;
  }

  /**
   * An in-JVM address that a gRPC channel dials: each connection made to it runs {@code beforeOpen} (a knock, for a
   * brokered connection), then opens a stream, one dial at a time, as go-plugin's {@code muxDial}.
   */
  LocalAddress dialer(Knock beforeOpen) {
    LocalAddress address = newServerAddress(side + "-dial");
    Channel server = new ServerBootstrap()
        .group(group)
        .channel(LocalServerChannel.class)
        .childHandler(new ChannelInitializer<LocalChannel>() {
          @Override
          protected void initChannel(LocalChannel channel) {
            channel.config().setAutoRead(false);
            pool.execute(() -> openFor(channel, beforeOpen));
          }
        })
        .bind(address).syncUninterruptibly().channel();
    dialers.add(server);
    return address;
  }

  /** Stops accepting dials at {@code address}; its connections go on until their channel closes them. */
  void closeDialer(LocalAddress address) {
    dialers.removeIf(server -> {
      if (address.equals(server.localAddress())) {
        server.close();
        return true;
      }
      return false;
    });
  }

  private void openFor(LocalChannel channel, Knock beforeOpen) {
    Stream stream;
    try {
      synchronized (dialing) {
        beforeOpen.knock();
        stream = session().open();
      }
    } catch (IOException | RuntimeException e) {
      channel.close();
      return;
    }
    // On the channel's event loop: from here the bridge could still be pending there when the channel's activation
    // (queued before it) reads with auto-read on, and the pipeline's end would drop the client's first bytes.
    channel.eventLoop().execute(() -> {
      StreamBridge.join(channel, stream, pool);
      channel.config().setAutoRead(true);
    });
  }

  private void acceptLoop(Session started) {
    while (true) {
      Stream stream;
      try {
        stream = started.accept();
      } catch (IOException ended) {
        return;
      }
      Integer id = knocked.poll();
      LocalAddress target = id != null ? listeners.get(id) : mainServer;
      if (target == null) {
        resetQuietly(stream);
        continue;
      }
      new Bootstrap()
          .group(group)
          .channel(LocalChannel.class)
          .handler(new ChannelInitializer<LocalChannel>() {
            @Override
            protected void initChannel(LocalChannel channel) {
              // A server may speak first (a plaintext HTTP/2 server's SETTINGS): hold what it sends until the bridge
              // is there to pass it on, or the pipeline's end drops it.
              channel.config().setAutoRead(false);
            }
          })
          .connect(target).addListener(connected -> {
            if (connected.isSuccess()) {
              Channel channel = ((ChannelFuture) connected).channel();
              StreamBridge.join(channel, stream, pool);
              channel.config().setAutoRead(true);
            } else {
              resetQuietly(stream);
            }
          });
    }
  }

  private Session session() throws IOException {
    try {
      return session.get(FIRST_CONNECTION.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      throw new IOException("the multiplexed connection could not be made: " + e.getCause().getMessage(), e.getCause());
    } catch (TimeoutException e) {
      throw new IOException("the host made no connection within " + FIRST_CONNECTION.toSeconds() + " s");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while waiting for the multiplexed connection");
    }
  }

  private static void resetQuietly(Stream stream) {
    try {
      stream.reset();
    } catch (IOException gone) {
      // the session ended
    }
  }

  /** Ends the session, its socket connection and every stream on it. */
  @Override
  public void close() {
    closed = true;
    closeQuietly(listener);
    dialers.forEach(Channel::close);
    dialers.clear();
    Session open = session.getNow(null);
    if (open != null) {
      open.close();
    } else {
      session.completeExceptionally(new IOException("the " + side + "'s multiplexer was closed"));
    }
    pool.shutdownNow();
    group.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS).syncUninterruptibly();
  }

  private static void closeQuietly(ServerSocketChannel listener) {
    if (listener == null) {
      return;
    }
    try {
      listener.close();
    } catch (IOException ignored) {
      // closing is all we wanted
    }
  }

  /** What runs before a brokered stream is opened: go-plugin's knock and its ack. */
  @FunctionalInterface
  interface Knock {
    Knock NONE = () -> {};

    void knock() throws IOException;
  }
}
