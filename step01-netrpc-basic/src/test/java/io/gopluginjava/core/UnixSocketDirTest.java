package io.gopluginjava.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIOException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Who may connect to a plugin's Unix socket: its owner, and the group the host names. */
@DisplayName("a plugin's Unix socket and its directory")
class UnixSocketDirTest {

  @TempDir Path parent;

  static String permissions(Path path) throws Exception {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
  }

  static int gid(Path path) throws Exception {
    return (Integer) Files.getAttribute(path, "unix:gid");
  }

  private Map<String, String> env(String group) {
    return group == null ? Map.of(UnixSocketDir.DIR_ENV, parent.toString())
        : Map.of(UnixSocketDir.DIR_ENV, parent.toString(), UnixSocketDir.GROUP_ENV, group);
  }

  @Test
  @DisplayName("are owner-only by default: only the plugin's user can reach the socket and connect to it")
  void ownerOnly() throws Exception {
    try (PluginListener listener = PluginListener.unix(env(null))) {
      Path socket = Path.of(listener.address());

      assertThat(permissions(socket)).as("socket").isEqualTo("rw-------");
      assertThat(permissions(socket.getParent())).as("its directory").isEqualTo("rwx------");
      assertThat(socket.getParent().getParent()).as(UnixSocketDir.DIR_ENV + " is honoured").isEqualTo(parent);
    }
  }

  @ParameterizedTest(name = "given as {0}")
  @DisplayName("with PLUGIN_UNIX_SOCKET_GROUP the socket gets that group and mode 0660, as go-plugin sets it")
  @ValueSource(strings = {"gid", "name"})
  void groupIsHonoured(String form) throws Exception {
    Path probe = Files.createFile(parent.resolve("probe"));
    int gid = gid(probe); // the user's primary group, as go-plugin's own test uses
    String group = form.equals("gid") ? String.valueOf(gid)
        : Files.readAttributes(probe, PosixFileAttributes.class).group().getName();

    try (PluginListener listener = PluginListener.unix(env(group))) {
      Path socket = Path.of(listener.address());

      assertThat(permissions(socket)).as("socket").isEqualTo("rw-rw----");
      assertThat(gid(socket)).as("socket's gid").isEqualTo(gid);
      assertThat(permissions(socket.getParent())).as("its directory: the group may enter, not write")
          .isEqualTo("rwxr-x---");
      assertThat(gid(socket.getParent())).as("directory's gid").isEqualTo(gid);
    }
  }

  @Test
  @DisplayName("an unknown group is an error naming it, and no socket is left behind")
  void unknownGroupIsRefused() {
    assertThatIOException().isThrownBy(() -> PluginListener.unix(env("no-such-group-x9")))
        .withMessageContaining("PLUGIN_UNIX_SOCKET_GROUP=no-such-group-x9");
    assertThat(parent).as(UnixSocketDir.DIR_ENV).isEmptyDirectory();
  }
}
