package io.gopluginjava.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("a host removes the socket of a plugin it knows is dead, and nothing else")
class LeftoverSocketTest {

  @TempDir
  Path tmp;

  /** A socket file left behind, as by a plugin killed with SIGKILL: bound, then its channel closed. */
  private static Path leftSocket(Path socket) throws Exception {
    Files.createDirectories(socket.getParent());
    try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
      server.bind(UnixDomainSocketAddress.of(socket));
    }
    return socket;
  }

  @Test
  @DisplayName("the socket and the plugin<digits> directory our plugins make around it are removed")
  void socketAndOurDirectory() throws Exception {
    Path socket = leftSocket(tmp.resolve("plugin123/plugin.sock"));

    assertThat(LeftoverSocket.remove(socket)).as("removed").isTrue();
    assertThat(socket.getParent()).as("the plugin's directory").doesNotExist();
  }

  @Test
  @DisplayName("a Python plugin's directory, named by tempfile.mkdtemp(prefix=\"plugin\"), goes too")
  void pythonPluginDirectory() throws Exception {
    Path socket = leftSocket(tmp.resolve("pluginx7_k2qa9/plugin.sock"));

    assertThat(LeftoverSocket.remove(socket)).as("removed").isTrue();
    assertThat(socket.getParent()).as("the plugin's directory").doesNotExist();
  }

  @Test
  @DisplayName("a Go plugin's socket, straight in the temp directory, goes; the temp directory stays")
  void goPluginSocket() throws Exception {
    Path socket = leftSocket(tmp.resolve("plugin4567"));

    assertThat(LeftoverSocket.remove(socket)).as("removed").isTrue();
    assertThat(socket).as("the socket").doesNotExist();
    assertThat(tmp).as("the temp directory").exists();
  }

  @Test
  @DisplayName("a plugin killed between removing its socket and its directory leaves the directory: it goes too")
  void directoryWithoutItsSocket() throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("plugin42"));

    assertThat(LeftoverSocket.remove(dir.resolve("plugin.sock"))).as("removed").isTrue();
    assertThat(dir).as("the plugin's directory").doesNotExist();
  }

  @Test
  @DisplayName("a temp directory named like ours, holding a Go plugin's socket, is never removed")
  void goSocketInADirectoryNamedLikeOurs() throws Exception {
    Path socket = leftSocket(tmp.resolve("plugin5/plugin8131"));

    assertThat(LeftoverSocket.remove(socket)).as("removed").isTrue();
    assertThat(socket.getParent()).as("the directory the Go plugin's socket was in").exists();
  }

  @Test
  @DisplayName("a regular file at the announced path is not a socket and is left alone")
  void notASocket() throws Exception {
    Files.createDirectories(tmp.resolve("plugin9"));
    Path file = Files.writeString(tmp.resolve("plugin9/plugin.sock"), "not a socket");

    assertThat(LeftoverSocket.remove(file)).as("removed").isFalse();
    assertThat(file).as("the file").exists();
  }

  @Test
  @DisplayName("a directory that is not one of ours, or not empty, is left alone")
  void othersDirectories() throws Exception {
    Path inTheirs = leftSocket(tmp.resolve("app-sockets/plugin.sock"));
    Path beside = leftSocket(tmp.resolve("plugin77/plugin.sock"));
    Files.writeString(tmp.resolve("plugin77/notes.txt"), "someone's file");

    assertThat(LeftoverSocket.remove(inTheirs)).as("removed the socket in their directory").isTrue();
    assertThat(LeftoverSocket.remove(beside)).as("removed the socket beside a file").isTrue();
    assertThat(tmp.resolve("app-sockets")).as("a directory not named plugin<digits>").exists();
    assertThat(tmp.resolve("plugin77/notes.txt")).as("a file beside the socket").exists();
  }

  @Test
  @DisplayName("a handshake line the host refused still names the socket: it goes, the line read only to its address")
  void announcedInARefusedLine() throws Exception {
    Path socket = leftSocket(tmp.resolve("plugin31"));

    assertThat(LeftoverSocket.removeAnnouncedIn("1|9|unix|" + socket + "|netrpc|\n")).as("another app version").isTrue();
    assertThat(socket).as("the socket").doesNotExist();
    assertThat(LeftoverSocket.removeAnnouncedIn("1|1|tcp|127.0.0.1:10000|grpc|")).as("a TCP address").isFalse();
    assertThat(LeftoverSocket.removeAnnouncedIn("1|1|unix")).as("too few fields").isFalse();
    assertThat(LeftoverSocket.removeAnnouncedIn("1|1|unix||netrpc|")).as("an empty address").isFalse();
    assertThat(LeftoverSocket.removeAnnouncedIn("Starting up...")).as("a log line").isFalse();
    assertThat(LeftoverSocket.removeAnnouncedIn("1|1|unix|nul\0byte|netrpc|")).as("not a path").isFalse();
  }

  @Test
  @DisplayName("nothing to do when the socket is gone already or the plugin spoke TCP")
  void nothingThere() {
    assertThat(LeftoverSocket.remove(tmp.resolve("plugin1/plugin.sock"))).as("a path in no directory").isFalse();
    assertThat(LeftoverSocket.removeAfterExit(Handshake.of(1, "tcp", "127.0.0.1:10000", "netrpc")))
        .as("a TCP address").isFalse();
    assertThat(LeftoverSocket.removeAfterExit(null)).as("no handshake").isFalse();
  }
}
