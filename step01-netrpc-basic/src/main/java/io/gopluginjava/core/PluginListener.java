package io.gopluginjava.core;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The socket a plugin listens on. Like a Go plugin on Linux and macOS it is a Unix domain socket by default, owner-only
 * in a fresh owner-only temp directory; on request it is TCP on 127.0.0.1, on the first free port in the host's range.
 */
public final class PluginListener implements Closeable {

  public static final String MIN_PORT_ENV = "PLUGIN_MIN_PORT";
  public static final String MAX_PORT_ENV = "PLUGIN_MAX_PORT";
  /** Not go-plugin's: set to {@code tcp} to have a plugin listen on TCP instead of a Unix socket. */
  public static final String NETWORK_ENV = "PLUGIN_NETWORK";
  public static final int DEFAULT_MIN_PORT = 10000;
  public static final int DEFAULT_MAX_PORT = 25000;

  private final ServerSocketChannel server;
  private final String network;
  private final String address;
  private final Path socketDir;
  private final Thread removeOnSignal;

  private PluginListener(ServerSocketChannel server, String network, String address, Path socketDir) {
    this.server = server;
    this.network = network;
    this.address = address;
    this.socketDir = socketDir;
    this.removeOnSignal = socketDir == null ? null : UnixSocketDir.removeOnExit(Path.of(address));
  }

  /**
   * A Unix socket {@code plugin.sock} in a new directory that only this user can enter (see {@link UnixSocketDir}
   * for {@value UnixSocketDir#DIR_ENV} and {@value UnixSocketDir#GROUP_ENV}).
   */
  public static PluginListener unix(Map<String, String> env) throws IOException {
    Path dir = UnixSocketDir.create(env, "plugin");
    Path socket = dir.resolve("plugin.sock");
    ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
    PluginListener listener = new PluginListener(server, "unix", socket.toString(), dir);
    try {
      server.bind(UnixDomainSocketAddress.of(socket));
      UnixSocketDir.secure(socket, env);
    } catch (IOException e) {
      listener.close();
      throw e;
    }
    return listener;
  }

  /**
   * The listener a plugin's environment asks for: TCP within the port range when {@value #NETWORK_ENV} is
   * {@code tcp} (our variable: go-plugin picks TCP only where Unix sockets are missing), else a Unix socket.
   */
  public static PluginListener fromEnvironment(Map<String, String> env) throws IOException {
    if ("tcp".equals(env.get(NETWORK_ENV))) {
      return tcp(minPort(env), maxPort(env));
    }
    return unix(env);
  }

  /**
   * Starts a daemon thread that accepts connections until this listener closes, each served by {@code serve} on a
   * daemon thread of its own named {@code threadName}.
   */
  public void acceptEach(String threadName, Consumer<SocketChannel> serve) {
    Thread acceptor = new Thread(() -> {
      try {
        while (true) {
          SocketChannel connection = accept();
          Thread thread = new Thread(() -> serve.accept(connection), threadName);
          thread.setDaemon(true);
          thread.start();
        }
      } catch (IOException closed) {
        // The listener closed: the plugin is shutting down.
      }
    }, threadName + "-accept");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  /** TCP on 127.0.0.1: the first port in {@code [minPort, maxPort]} that is free. */
  public static PluginListener tcp(int minPort, int maxPort) throws IOException {
    InetAddress loopback = InetAddress.getLoopbackAddress();
    for (int port = minPort; port <= maxPort; port++) {
      ServerSocketChannel server = ServerSocketChannel.open();
      try {
        server.bind(new InetSocketAddress(loopback, port));
        return new PluginListener(server, "tcp", loopback.getHostAddress() + ":" + port, null);
      } catch (IOException taken) {
        server.close();
      }
    }
    throw new IOException("no free TCP port on " + loopback.getHostAddress() + " between "
        + minPort + " and " + maxPort + " (" + MIN_PORT_ENV + "/" + MAX_PORT_ENV + ")");
  }

  /** Connects to what a handshake line announced: the host's side of {@link #accept}. */
  public static SocketChannel connect(String network, String address) throws IOException {
    if (network.equals("unix")) {
      return SocketChannel.open(UnixDomainSocketAddress.of(address));
    }
    return SocketChannel.open(tcpAddress(address));
  }

  /** A handshake line's {@code host:port} (IPv6 hosts in brackets) as a socket address. */
  public static InetSocketAddress tcpAddress(String address) {
    int colon = address.lastIndexOf(':');
    if (colon < 0) {
      throw new IllegalArgumentException("a tcp address must be host:port, got \"" + address + "\"");
    }
    String host = address.substring(0, colon).replace("[", "").replace("]", "");
    return new InetSocketAddress(host, Integer.parseInt(address.substring(colon + 1)));
  }

  /** The lowest port a plugin may take: {@value #MIN_PORT_ENV}, or go-plugin's default. */
  public static int minPort(Map<String, String> env) {
    return port(env, MIN_PORT_ENV, DEFAULT_MIN_PORT);
  }

  /** The highest port a plugin may take: {@value #MAX_PORT_ENV}, or go-plugin's default. */
  public static int maxPort(Map<String, String> env) {
    return port(env, MAX_PORT_ENV, DEFAULT_MAX_PORT);
  }

  private static int port(Map<String, String> env, String name, int fallback) {
    String value = env.get(name);
    return value == null || value.isBlank() ? fallback : Integer.parseInt(value.strip());
  }

  public String network() {
    return network;
  }

  public String address() {
    return address;
  }

  public SocketChannel accept() throws IOException {
    return server.accept();
  }

  /** Stops listening and removes the socket file and its directory. */
  @Override
  public void close() {
    try {
      server.close();
      if (socketDir != null) {
        UnixSocketDir.keepOnExit(removeOnSignal);
        Files.deleteIfExists(Path.of(address));
        Files.deleteIfExists(socketDir);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("could not remove the plugin socket " + address, e);
    }
  }
}
