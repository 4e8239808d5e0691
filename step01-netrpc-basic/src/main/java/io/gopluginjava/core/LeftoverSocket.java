package io.gopluginjava.core;

import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.regex.Pattern;

/**
 * The Unix socket a plugin announced, removed once the plugin is known to be dead (killed, crashed, timed out): a
 * plugin that dies by a signal cannot remove it itself, and go-plugin's host does not either, so a temp directory
 * fills with {@code plugin<digits>} leftovers. Only that exact path is touched, only if it is a socket, and then its
 * directory only if it is named as plugins name theirs ({@code plugin} and digits from {@link UnixSocketDir}, letters
 * too from Python's {@code tempfile.mkdtemp(prefix="plugin")}) and is empty.
 */
public final class LeftoverSocket {

  private static final Pattern OUR_DIRECTORY = Pattern.compile("plugin[A-Za-z0-9_]+");
  private static final String SOCKET_IN_DIRECTORY = "plugin.sock";
  private static final int SOCKET_TYPE = 0140000; // S_IFSOCK
  private static final int TYPE_MASK = 0170000; // S_IFMT

  private LeftoverSocket() {}

  /** Removes what the handshake announced, when it is a Unix socket that is still there; true when it removed it. */
  public static boolean removeAfterExit(Handshake handshake) {
    return handshake != null && removeUnix(handshake.network(), handshake.address());
  }

  /**
   * Removes the socket a handshake line announced, the line read only as far as its network and address: so also
   * one the host refused (another app version, a protocol it does not allow, another core version), and a plugin the
   * host would not talk to leaves nothing behind either. True when it removed something.
   */
  public static boolean removeAnnouncedIn(String line) {
    String[] fields = line.strip().split("\\|", -1);
    return fields.length >= 4 && removeUnix(fields[2], fields[3]);
  }

  /** {@link #remove} of {@code address} when the network is {@code unix} and the address a path at all. */
  private static boolean removeUnix(String network, String address) {
    try {
      return network.equals("unix") && !address.isEmpty() && remove(Path.of(address));
    } catch (InvalidPathException notAPath) {
      return false;
    }
  }

  /**
   * Removes {@code socket} if it is a socket, then its directory if that is ours and empty: also when the socket is
   * already gone, since a plugin killed while it cleaned up may have removed one and not the other. The directory is
   * considered only around a socket named {@code plugin.sock}, as Java and Python plugins name theirs; a Go plugin's
   * socket lies straight in the temp directory, which is never touched.
   */
  public static boolean remove(Path socket) {
    try {
      boolean removed = false;
      if (isSocket(socket)) {
        Files.deleteIfExists(socket);
        removed = true;
      } else if (Files.exists(socket, LinkOption.NOFOLLOW_LINKS)) {
        return false; // something else than a socket: not ours to judge
      }
      Path dir = socket.getParent();
      if (dir != null && socket.getFileName().toString().equals(SOCKET_IN_DIRECTORY)
          && OUR_DIRECTORY.matcher(dir.getFileName().toString()).matches() && Files.isDirectory(dir)) {
        try {
          Files.deleteIfExists(dir);
          removed = true;
        } catch (DirectoryNotEmptyException someoneElsesFiles) {
          // Not only our socket was in it: leave it.
        }
      }
      return removed;
    } catch (IOException e) {
      return false; // gone already, or not ours to remove: nothing a host can do about it
    }
  }

  /** False for a path that is not there, also one that goes while we look (the plugin's own close may remove it). */
  static boolean isSocket(Path path) throws IOException {
    try {
      int mode = (Integer) Files.getAttribute(path, "unix:mode", LinkOption.NOFOLLOW_LINKS);
      return (mode & TYPE_MASK) == SOCKET_TYPE;
    } catch (NoSuchFileException gone) {
      return false;
    } catch (UnsupportedOperationException | IllegalArgumentException noUnixView) {
      // A file system without the unix view: a socket is neither a file, a directory nor a link.
      try {
        return Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).isOther();
      } catch (NoSuchFileException gone) {
        return false;
      }
    }
  }
}
