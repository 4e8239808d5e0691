package io.gopluginjava.grpc;

import io.gopluginjava.core.PluginListener;
import io.grpc.BindableService;
import io.grpc.ClientInterceptor;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Server;
import io.grpc.ServerInterceptors;
import io.grpc.ServerServiceDefinition;
import io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.NettyServerBuilder;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.local.LocalAddress;
import io.netty.channel.local.LocalChannel;
import io.netty.channel.local.LocalServerChannel;
import io.netty.handler.ssl.SslContext;
import java.io.IOException;
import java.net.InetAddress;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.function.Consumer;

/**
 * gRPC over Netty, on a Unix domain socket or TCP, with the {@link NettyTransport} of the platform (epoll, kqueue or
 * NIO): the one place that builds servers and channels. Servers and channels made here share the process's
 * {@link SharedEventLoops}, which end a while after the last of them has.
 */
public final class Transport {

  /** go-plugin's host lifts gRPC's 4 MiB receive limit to 2 GiB; so does ours. */
  public static final int MAX_MESSAGE_BYTES = Integer.MAX_VALUE;

  /**
   * Each side's initial HTTP/2 flow-control window, per stream and per connection. grpc-java's 1 MiB default is less
   * than one 1 MiB message with its gRPC frame, so the sender stalls for a window update mid-message on every large
   * call; 16 MiB is the ceiling Go's gRPC grows its window to. It is credit, not a buffer allocated up front, and
   * auto-tuning stays on.
   */
  static final int FLOW_CONTROL_WINDOW = 16 << 20;

  /**
   * The HTTP/2 {@code :authority} of a plaintext channel: go-plugin dials the target "unused" through its own dialer
   * ({@code grpc_client.go}, {@code dialGRPCConn}), and grpc-go sends the target as the authority. Without it
   * grpc-java sends the socket's path, which strict servers (hyper, tonic) reset as a PROTOCOL_ERROR. A TLS channel
   * sends {@link MtlsContexts#SERVER_NAME}, the name go-plugin's TLS config checks, as grpc-go does.
   */
  public static final String PLAINTEXT_AUTHORITY = "unused";

  static {
    NettyDefaults.apply();
  }

  private Transport() {}

  /** Starts a server on {@code address} ("unix" path or "tcp" host:port) with the services given. */
  public static Server startServer(String network, String address, SslContext tls, List<ServerServiceDefinition> services)
      throws IOException {
    return startServer(network, address, tls, services, Set.of());
  }

  /**
   * {@link #startServer(String, String, SslContext, List)}, the calls of {@code eventLoopServices} (full service
   * names) run on the event loop that read them, every other call on a pool ({@link EventLoopCalls}).
   */
  public static Server startServer(String network, String address, SslContext tls, List<ServerServiceDefinition> services,
      Set<String> eventLoopServices) throws IOException {
    EventLoopGroup group = SharedEventLoops.acquire();
    NettyServerBuilder builder = NettyServerBuilder.forAddress(socketAddress(network, address))
        .channelType(NettyTransport.current().serverChannel(network.equals("unix")))
        .bossEventLoopGroup(group)
        .workerEventLoopGroup(group);
    return start(builder, tls, services, eventLoopServices, "goplugin-grpc-server-closer",
        () -> SharedEventLoops.release(group));
  }

  /**
   * Builds and starts {@code builder}'s server with the services, TLS and call executors; {@code ended} runs once it
   * has terminated, or at once when it does not start.
   */
  private static Server start(NettyServerBuilder builder, SslContext tls, List<ServerServiceDefinition> services,
      Set<String> eventLoopServices, String closerName, Runnable ended) throws IOException {
    builder.initialFlowControlWindow(FLOW_CONTROL_WINDOW);
    if (tls != null) {
      builder.sslContext(tls);
    }
    services.forEach(builder::addService);
    ExecutorService calls = EventLoopCalls.configure(builder, eventLoopServices);
    Runnable end = () -> {
      shutdown(calls);
      ended.run();
    };
    Server server = builder.build();
    try {
      server.start();
    } catch (IOException | RuntimeException e) {
      end.run();
      throw e;
    }
    return new ReleasingServer(server, closerName, end);
  }

  private static void shutdown(ExecutorService calls) {
    if (calls != null) {
      calls.shutdownNow();
    }
  }

  /** The first free port in {@code [min, max]} on 127.0.0.1, as a Go plugin picks one on Windows. */
  public static Server startTcpServer(int min, int max, SslContext tls, List<ServerServiceDefinition> services)
      throws IOException {
    return startTcpServer(min, max, tls, services, Set.of());
  }

  /** {@link #startTcpServer(int, int, SslContext, List)} with {@code eventLoopServices} as in {@link #startServer}. */
  public static Server startTcpServer(int min, int max, SslContext tls, List<ServerServiceDefinition> services,
      Set<String> eventLoopServices) throws IOException {
    String host = InetAddress.getLoopbackAddress().getHostAddress();
    for (int port = min; port <= max; port++) {
      try {
        return startServer("tcp", host + ":" + port, tls, services, eventLoopServices);
      } catch (IOException taken) {
        // try the next port
      }
    }
    throw new IOException("no free TCP port on " + host + " between " + min + " and " + max);
  }

  /**
   * A channel to a plugin: TLS with the server name {@code localhost} when {@code tls} is given, else plaintext; the
   * {@code :authority} is go-plugin's either way, never the socket's path.
   */
  public static ManagedChannel channel(String network, String address, SslContext tls, ClientInterceptor... interceptors) {
    return channel(network, address, tls, builder -> {}, interceptors);
  }

  /** {@link #channel(String, String, SslContext, ClientInterceptor...)}, then {@code options} applied to its builder. */
  public static ManagedChannel channel(String network, String address, SslContext tls,
      Consumer<? super ManagedChannelBuilder<?>> options, ClientInterceptor... interceptors) {
    EventLoopGroup group = SharedEventLoops.acquire();
    NettyChannelBuilder builder = NettyChannelBuilder.forAddress(socketAddress(network, address))
        .channelType(NettyTransport.current().channel(network.equals("unix")))
        .eventLoopGroup(group)
        .initialFlowControlWindow(FLOW_CONTROL_WINDOW)
        .maxInboundMessageSize(MAX_MESSAGE_BYTES)
        .intercept(interceptors);
    if (tls != null) {
      builder.sslContext(tls).overrideAuthority(MtlsContexts.SERVER_NAME);
    } else {
      builder.usePlaintext().overrideAuthority(PLAINTEXT_AUTHORITY);
    }
    ManagedChannel channel;
    try {
      options.accept(builder);
      channel = builder.build();
    } catch (RuntimeException e) {
      SharedEventLoops.release(group);
      throw e;
    }
    return new ReleasingChannel(channel, () -> SharedEventLoops.release(group));
  }

  /**
   * A server on an in-JVM address of a multiplexed connection ({@link GrpcMux}), on its event loops: what a stream of
   * the connection carries reaches it as a socket's bytes would.
   */
  static Server startMuxServer(GrpcMux mux, LocalAddress address, SslContext tls,
      List<ServerServiceDefinition> services, Set<String> eventLoopServices) throws IOException {
    NettyServerBuilder builder = NettyServerBuilder.forAddress(address)
        .channelType(LocalServerChannel.class)
        .bossEventLoopGroup(mux.group())
        .workerEventLoopGroup(mux.group());
    return start(builder, tls, services, eventLoopServices, "goplugin-grpcmux-server-closer", () -> {});
  }

  /** A channel whose every connection is a new stream of a multiplexed connection, opened at {@code dialer}. */
  static ManagedChannel muxChannel(GrpcMux mux, LocalAddress dialer, SslContext tls,
      Consumer<? super ManagedChannelBuilder<?>> options, ClientInterceptor... interceptors) {
    NettyChannelBuilder builder = NettyChannelBuilder.forAddress(dialer)
        .channelType(LocalChannel.class)
        .eventLoopGroup(mux.group())
        .initialFlowControlWindow(FLOW_CONTROL_WINDOW)
        .maxInboundMessageSize(MAX_MESSAGE_BYTES)
        .intercept(interceptors);
    if (tls != null) {
      builder.sslContext(tls).overrideAuthority(MtlsContexts.SERVER_NAME);
    } else {
      builder.usePlaintext().overrideAuthority(PLAINTEXT_AUTHORITY);
    }
    options.accept(builder);
    return builder.build();
  }

  /** The JDK's address for a plugin's {@code network} and {@code address}, for a plain socket connection. */
  static SocketAddress jdkAddress(String network, String address) {
    return network.equals("unix") ? UnixDomainSocketAddress.of(address) : PluginListener.tcpAddress(address);
  }

  static SocketAddress socketAddress(String network, String address) {
    if (network.equals("unix")) {
      return NettyTransport.current().unixAddress(address);
    }
    return PluginListener.tcpAddress(address);
  }

  /** Binds services, each behind {@link ExceptionsToStatus}. */
  public static List<ServerServiceDefinition> bind(List<BindableService> services) {
    return services.stream().map(Transport::bind).toList();
  }

  public static ServerServiceDefinition bind(BindableService service) {
    return ServerInterceptors.intercept(service, new ExceptionsToStatus());
  }
}
