package io.gopluginjava.core;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipalNotFoundException;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Where a plugin puts its Unix socket and who may connect to it. The socket lives in a fresh directory that only the
 * plugin's user can enter, and is itself readable and writable by that user only; when the host sets
 * {@value #GROUP_ENV} (a group name or a numeric gid), the socket gets that group and mode 0660, as go-plugin sets
 * it, and the directory that group and 0750, so the group can reach the socket but not replace it.
 */
public final class UnixSocketDir {

  /** The directory plugins create their sockets in, as go-plugin's {@code EnvUnixSocketDir}. */
  public static final String DIR_ENV = "PLUGIN_UNIX_SOCKET_DIR";
  /** The group that may connect to a plugin's socket, as go-plugin's {@code EnvUnixSocketGroup}. */
  public static final String GROUP_ENV = "PLUGIN_UNIX_SOCKET_GROUP";

  private UnixSocketDir() {}

  /**
   * A new owner-only directory in {@value #DIR_ENV}, or in the temp directory when that is not set. Its name ends in
   * a random number, as Go's {@code os.MkdirTemp} makes one: not from {@code SecureRandom}, whose first use costs a
   * plugin 10 to 15 ms before its handshake. The name need not be secret: the directory is created atomically and
   * owner-only, a name someone else took is skipped, and nobody else can enter it.
   */
  public static Path create(Map<String, String> env, String prefix) throws IOException {
    Path in = parent(env);
    for (int attempt = 1; ; attempt++) {
      Path dir = in.resolve(prefix + Long.toUnsignedString(ThreadLocalRandom.current().nextLong()));
      try {
        Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
      } catch (FileAlreadyExistsException taken) {
        if (attempt == 100) {
          throw taken;
        }
        continue;
      }
      Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------")); // the umask may have cut it
      return dir;
    }
  }

  /**
   * {@value #DIR_ENV}, else {@code TMPDIR} (where Go's {@code os.TempDir}, and so a Go plugin, puts its socket; the
   * JVM's {@code java.io.tmpdir} ignores it on Linux), else {@code java.io.tmpdir}.
   */
  static Path parent(Map<String, String> env) {
    for (String name : new String[] {DIR_ENV, "TMPDIR"}) {
      String dir = env.get(name);
      if (dir != null && !dir.isBlank()) {
        return Path.of(dir);
      }
    }
    return Path.of(System.getProperty("java.io.tmpdir"));
  }

  /**
   * Removes the socket and its directory when the JVM ends by a signal (SIGTERM, SIGINT, SIGHUP) or by
   * {@code System.exit} before the listener was closed; a SIGKILL leaves them to the host. Returns the hook for
   * {@link #keepOnExit}.
   */
  public static Thread removeOnExit(Path socket) {
    Thread hook = new Thread(() -> LeftoverSocket.remove(socket), "goplugin-remove-socket");
    try {
      Runtime.getRuntime().addShutdownHook(hook);
    } catch (IllegalStateException shuttingDown) {
      // The JVM is already ending: the listener's close will remove the socket, or the host will.
    }
    return hook;
  }

  /** Drops a hook of {@link #removeOnExit} once the listener removed the socket itself. */
  public static void keepOnExit(Thread hook) {
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException shuttingDown) {
      // The hook runs or ran: it finds nothing left to remove.
    }
  }

  // tag::unix-socket-permissions[]
  /** Called right after the socket is bound: owner-only, or shared with the host's group when it asked for one. */
  public static void secure(Path socket, Map<String, String> env) throws IOException {
    String group = env.get(GROUP_ENV);
    if (group == null || group.isBlank()) {
      Files.setPosixFilePermissions(socket, PosixFilePermissions.fromString("rw-------"));
      return;
    }
    setGroup(socket, group.strip(), "rw-rw----");
    setGroup(socket.getParent(), group.strip(), "rwxr-x---");
  }
  // end::unix-socket-permissions[]

  /** Gives {@code path} the group, a numeric gid or else a name (go-plugin's order), then the permissions. */
  private static void setGroup(Path path, String group, String permissions) throws IOException {
    if (group.chars().allMatch(Character::isDigit)) {
      Files.setAttribute(path, "unix:gid", Integer.parseInt(group));
    } else {
      Files.getFileAttributeView(path, PosixFileAttributeView.class).setGroup(groupNamed(group));
    }
    Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(permissions));
  }

  private static GroupPrincipal groupNamed(String group) throws IOException {
    try {
      return FileSystems.getDefault().getUserPrincipalLookupService().lookupPrincipalByGroupName(group);
    } catch (UserPrincipalNotFoundException e) {
      throw new IOException(GROUP_ENV + "=" + group + " is neither a numeric gid nor a group on this system", e);
    }
  }
}
