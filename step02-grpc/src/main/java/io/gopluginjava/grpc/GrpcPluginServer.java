package io.gopluginjava.grpc;

import io.gopluginjava.core.Handshake;
import io.gopluginjava.core.Interrupts;
import io.gopluginjava.core.ParentWatch;
import io.gopluginjava.core.PluginListener;
import io.gopluginjava.core.ServedPlugins;
import io.gopluginjava.core.UnixSocketDir;
import io.gopluginjava.core.tls.AutoMtlsCertificate;
import io.grpc.BindableService;
import io.grpc.Server;
import io.grpc.protobuf.services.HealthStatusManager;
import io.grpc.protobuf.services.ProtoReflectionServiceV1;
import io.netty.channel.local.LocalAddress;
import io.netty.handler.ssl.SslContext;
import java.io.IOException;
import java.io.PrintStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The plugin side of go-plugin's gRPC protocol, like {@code plugin.Serve} with a {@code GRPCServer}: the cookie and
 * version negotiation of step01, then a gRPC server with go-plugin's own services beside the plugin's (health,
 * controller, stdio, broker, reflection), AutoMTLS when the host asks for it, and the handshake line.
 */
public final class GrpcPluginServer {

  public static final String PROTOCOL = "grpc";
  /** The host's PEM certificate: its presence turns AutoMTLS on. */
  public static final String CLIENT_CERT_ENV = AutoMtlsCertificate.CLIENT_CERT_ENV;
  /**
   * Set by a host that asks for gRPC broker multiplexing (go-plugin's {@code GRPCBrokerMultiplex}): when Go's
   * {@code strconv.ParseBool} reads it as true, every connection is a yamux stream of the host's one connection. Set
   * at all, it adds {@code |true} to the handshake line: this plugin can multiplex (go-plugin's {@code server.go}).
   */
  public static final String MULTIPLEX_ENV = "PLUGIN_MULTIPLEX_GRPC";
  /** The health service name go-plugin registers as SERVING. */
  public static final String HEALTH_SERVICE = "plugin";

  private final CountDownLatch shutdown = new CountDownLatch(1);
  private final StdioCapture stdio = new StdioCapture();

  private GrpcPluginServer() {}

  /**
   * Serves {@code served} (its plugins all gRPC ones) until the host shuts it down or goes away, and returns its exit
   * status: 0, or 1 when it could not listen. In a JVM the plugin does not own (tests, as go-plugin's
   * {@code ServeTestConfig}) {@code System.out} and {@code System.err} are left alone (GRPCStdio stays open but
   * carries nothing), nothing watches the parent process, and serving also ends when the calling thread is
   * interrupted. Reached through {@link io.gopluginjava.core.PluginServer}.
   */
  static int serve(ServedPlugins served) {
    Map<String, GrpcPlugin<?>> plugins = new LinkedHashMap<>();
    served.plugins().forEach((name, plugin) -> plugins.put(name, (GrpcPlugin<?>) plugin));
    PrintStream stderr = served.ownsProcess() ? StdioCapture.REAL_STDERR : served.stderr();
    return new GrpcPluginServer().run(plugins, served, served.stdout(), stderr);
  }

  private int run(Map<String, GrpcPlugin<?>> plugins, ServedPlugins served, PrintStream stdout, PrintStream stderr) {
    Map<String, String> env = served.env();
    boolean ownsProcess = served.ownsProcess();
    Hclog log = Hclog.named("plugin", stderr);
    served.versionWarnings().forEach(warning -> log.warn(warning));
    int version = served.version();

    String hostCertPem = env.get(CLIENT_CERT_ENV);
    boolean autoMtls = hostCertPem != null && !hostCertPem.isBlank();
    WarmUp.start(autoMtls);
    PeerTls peerTls = PeerTls.NONE;
    if (autoMtls) {
      peerTls = new PeerTls(SelfSignedCert.generate(), SelfSignedCert.fromPem(hostCertPem));
    }
    SslContext tls = peerTls.serving();
    String multiplexSetting = env.get(MULTIPLEX_ENV);

    HealthStatusManager health = new HealthStatusManager();
    Path socketDir = null;
    GrpcMux mux = null;
    Broker broker = null;
    Server server;
    try {
      Set<String> eventLoopServices = new HashSet<>();
      LocalAddress main = GrpcMux.newServerAddress("main");
      if (goBool(multiplexSetting)) { // every connection a stream of the host's one connection to this socket
        socketDir = UnixSocketDir.create(env, "plugin");
        mux = GrpcMux.onPlugin(muxListener(socketDir.resolve("plugin.sock"), env), main);
      }
      broker = Broker.onPlugin(peerTls, Broker.TIMEOUT, env, mux);
      List<BindableService> services = services(plugins, health, broker, eventLoopServices);
      if (mux != null) {
        server = Transport.startMuxServer(mux, main, tls, Transport.bind(services), eventLoopServices);
      } else if ("tcp".equals(env.get(PluginListener.NETWORK_ENV))) {
        server = Transport.startTcpServer(PluginListener.minPort(env), PluginListener.maxPort(env), tls,
            Transport.bind(services), eventLoopServices);
      } else {
        socketDir = UnixSocketDir.create(env, "plugin");
        server = Transport.startServer("unix", socketDir.resolve("plugin.sock").toString(), tls, Transport.bind(services),
            eventLoopServices);
        secureSocket(server, socketDir, env);
      }
    } catch (IOException e) {
      log.error("plugin could not listen", "error", e.getMessage());
      closeBroker(broker, mux);
      removeSocket(socketDir, stderr);
      return 1;
    } catch (RuntimeException e) { // e.g. a plugin declared for the host only
      closeBroker(broker, mux);
      removeSocket(socketDir, stderr);
      throw e;
    }
    // From here on the server runs: whatever happens, it is stopped and its socket removed before serve returns.
    boolean interrupted = false;
    Runnable stopWatch = () -> {};
    // A SIGTERM or SIGINT ends the JVM without reaching the finally below: the socket goes in a shutdown hook then.
    Thread removeOnSignal = socketDir != null ? UnixSocketDir.removeOnExit(socketDir.resolve("plugin.sock")) : null;
    try {
      registerHealth(health);
      String network = socketDir != null ? "unix" : "tcp";
      String address = socketDir != null ? socketDir.resolve("plugin.sock").toString() : tcpAddress(server);
      Handshake handshake = new Handshake(Handshake.CORE_VERSION, version, network, address, PROTOCOL,
          peerTls.enabled() ? peerTls.own().handshakeField() : "", multiplexSetting != null && !multiplexSetting.isEmpty());
      stdout.println(handshake.toLine());
      stdout.flush();
      if (ownsProcess) {
        stdio.redirectSystemStreams();
      }
      log.debug("plugin address", "network", network, "address", address, "transport",
          NettyTransport.current().name().toLowerCase(java.util.Locale.ROOT));

      if (ownsProcess) {
        Interrupts.ignore();
        stopWatch = ParentWatch.onParentExit(shutdown::countDown);
      }
      interrupted = awaitShutdown();
    } finally {
      stopWatch.run();
      health.enterTerminalState();
      broker.close();
      stdio.close();
      interrupted |= stop(server);
      closeBroker(null, mux);
      removeSocket(socketDir, stderr);
      if (removeOnSignal != null) {
        UnixSocketDir.keepOnExit(removeOnSignal);
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    return 0;
  }

  private static void closeBroker(Broker broker, GrpcMux mux) {
    if (broker != null) {
      broker.close();
    }
    if (mux != null) {
      mux.close();
    }
  }

  /**
   * The socket of a multiplexing plugin: a plain JDK listener (Linux and macOS, JDK 16+), since its one connection
   * carries yamux, not HTTP/2; owner-only, or the host's group's too, as the plain server's socket.
   */
  private static ServerSocketChannel muxListener(Path socket, Map<String, String> env) throws IOException {
    ServerSocketChannel listener = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
    try {
      listener.bind(UnixDomainSocketAddress.of(socket));
      UnixSocketDir.secure(socket, env);
      return listener;
    } catch (IOException e) {
      listener.close();
      throw e;
    }
  }

  /** Go's {@code strconv.ParseBool} reading true, as go-plugin reads {@value #MULTIPLEX_ENV}; anything else is false. */
  static boolean goBool(String value) {
    return value != null && Set.of("1", "t", "T", "TRUE", "true", "True").contains(value);
  }

  /** Stops the server, gracefully for 2 s; true when that wait was interrupted. */
  private static boolean stop(Server server) {
    server.shutdown();
    try {
      if (!server.awaitTermination(2, TimeUnit.SECONDS)) {
        server.shutdownNow().awaitTermination(1, TimeUnit.SECONDS);
      }
      return false;
    } catch (InterruptedException e) {
      server.shutdownNow();
      return true;
    }
  }

  /** Owner-only, or the host's group's too; a socket that cannot be made so is not served. */
  private static void secureSocket(Server server, Path socketDir, Map<String, String> env) throws IOException {
    try {
      UnixSocketDir.secure(socketDir.resolve("plugin.sock"), env);
    } catch (IOException e) {
      server.shutdownNow();
      throw e;
    }
  }

  /**
   * go-plugin's services, then one per plugin; the names of the plugins' services that {@link GrpcPlugin#neverBlocks()}
   * go into {@code eventLoopServices}: their calls run on the event loop.
   */
  private List<BindableService> services(Map<String, GrpcPlugin<?>> plugins, HealthStatusManager health,
      Broker broker, Set<String> eventLoopServices) {
    List<BindableService> services = new ArrayList<>();
    services.add(health.getHealthService());
    services.add(new ControllerService(shutdown::countDown));
    services.add(new StdioService(stdio));
    services.add(broker.service());
    services.add(ProtoReflectionServiceV1.newInstance());
    for (GrpcPlugin<?> plugin : plugins.values()) {
      BindableService service = plugin.server(broker);
      services.add(service);
      if (plugin.neverBlocks()) {
        eventLoopServices.add(service.bindService().getServiceDescriptor().getName());
      }
    }
    return services;
  }

  /** The health service reports "plugin" as SERVING: how hosts and tools ping a plugin. */
  static void registerHealth(HealthStatusManager health) {
    // workbook:begin health-registration
    health.setStatus(HEALTH_SERVICE, io.grpc.health.v1.HealthCheckResponse.ServingStatus.SERVING);
    // workbook:end
  }

  /** Waits for the shutdown; true when the wait was interrupted instead (the interrupt is cleared for the clean-up). */
  private boolean awaitShutdown() {
    try {
      shutdown.await();
      return false;
    } catch (InterruptedException e) {
      return true;
    }
  }

  private static String tcpAddress(Server server) {
    var socket = (java.net.InetSocketAddress) server.getListenSockets().get(0);
    return socket.getAddress().getHostAddress() + ":" + socket.getPort();
  }

  private static void removeSocket(Path socketDir, PrintStream stderr) {
    if (socketDir == null) {
      return;
    }
    try {
      Files.deleteIfExists(socketDir.resolve("plugin.sock"));
      Files.deleteIfExists(socketDir);
    } catch (IOException e) {
      stderr.println("could not remove the plugin socket " + socketDir + ": " + e.getMessage());
    }
  }
}
