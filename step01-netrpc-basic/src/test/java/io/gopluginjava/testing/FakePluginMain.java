package io.gopluginjava.testing;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A plugin that misbehaves on purpose, to show the host's errors. {@code FAKE_PLUGIN_MODE} says how:
 * {@code print} prints {@code FAKE_PLUGIN_LINE} as its handshake line (with {@code $SOCKET} replaced by a real
 * socket under {@code FAKE_PLUGIN_DIR} that accepts but never answers), {@code exit} writes to stderr and exits 3, {@code silent} prints nothing.
 * It stays until its host kills it, or exits when its parent is gone.
 */
public final class FakePluginMain {

  public static void main(String[] args) throws IOException, InterruptedException {
    String mode = System.getenv().getOrDefault("FAKE_PLUGIN_MODE", "silent");
    switch (mode) {
      case "exit" -> {
        System.err.println("fake plugin: reading config");
        System.err.println("fake plugin: config file not found, giving up");
        System.exit(3);
      }
      case "print" -> {
        Path dir = Files.createTempDirectory(Path.of(System.getenv("FAKE_PLUGIN_DIR")), "fakeplugin");
        Path socket = dir.resolve("plugin.sock");
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(socket));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
          try {
            server.close();
            Files.deleteIfExists(socket);
            Files.deleteIfExists(dir);
          } catch (IOException ignored) {
            // best effort on the way out
          }
        }));
        System.out.println(System.getenv("FAKE_PLUGIN_LINE").replace("$SOCKET", socket.toString()));
        System.out.flush();
        Thread acceptor = new Thread(() -> {
          try {
            while (true) {
              server.accept(); // accepted and never answered: a plugin that hangs
            }
          } catch (IOException closed) {
            // shutting down
          }
        });
        acceptor.setDaemon(true);
        acceptor.start();
      }
      default -> System.err.println("fake plugin: thinking very hard");
    }
    ProcessHandle parent = ProcessHandle.current().parent().orElseThrow();
    while (parent.isAlive()) {
      Thread.sleep(100); // an orphan check in a throwaway test plugin, not a test synchronisation
    }
  }
}
