package io.gopluginjava.testing;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;

/** Two connected ends of a Unix socket in a temp directory, for unit tests of one side of the RPC. */
public final class SocketPair implements AutoCloseable {

  private final Path dir;
  private final SocketChannel host;
  private final SocketChannel plugin;

  public SocketPair() throws IOException {
    dir = Files.createTempDirectory("socketpair");
    Path path = dir.resolve("s.sock");
    try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
      server.bind(UnixDomainSocketAddress.of(path));
      host = SocketChannel.open(UnixDomainSocketAddress.of(path));
      plugin = server.accept();
    }
    Files.delete(path);
  }

  /** The end the host (the RPC client) uses. */
  public SocketChannel host() {
    return host;
  }

  /** The end the plugin (the RPC server) uses. */
  public SocketChannel plugin() {
    return plugin;
  }

  @Override
  public void close() throws IOException {
    host.close();
    plugin.close();
    Files.deleteIfExists(dir);
  }
}
