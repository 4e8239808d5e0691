package io.gopluginjava.core;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The host's integrity check before it runs a plugin, like go-plugin's {@code SecureConfig}: the SHA-256 the plugin
 * file must have. By default the file is the executable the command runs ({@code command[0]}, looked up on
 * {@code PATH}), as go-plugin hashes {@code cmd.Path}; name another file with {@link #ofFile} when the executable is
 * only an interpreter: the jar of a Java plugin, the real binary behind {@code sh -c}.
 *
 * <p>Like go-plugin's, the check guards against a swapped file, not against one swapped between the check and the
 * exec: the plugin should live where only trusted users can write.
 */
public final class SecureConfig {

  private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-fA-F]{64}");

  private final byte[] checksum;
  private final Path file;

  private SecureConfig(byte[] checksum, Path file) {
    this.checksum = checksum;
    this.file = file;
  }

  /**
   * Expects the SHA-256 {@code hex} (64 hex digits, as {@code sha256sum} prints it).
   *
   * @throws IllegalArgumentException when {@code hex} is not 64 hex digits
   */
  public static SecureConfig sha256(String hex) {
    if (hex == null || !SHA256_HEX.matcher(hex.strip()).matches()) {
      throw new IllegalArgumentException("a SHA-256 checksum is 64 hex digits, as sha256sum prints it; got "
          + (hex == null ? "null" : "\"" + hex + "\" (" + hex.strip().length() + " characters)"));
    }
    return new SecureConfig(HexFormat.of().parseHex(hex.strip()), null);
  }

  /** The same checksum, for {@code file} instead of the command's executable. */
  public SecureConfig ofFile(Path file) {
    return new SecureConfig(checksum, file);
  }

  /** The expected SHA-256 in lower-case hex. */
  public String expected() {
    return HexFormat.of().formatHex(checksum);
  }

  /** The file named with {@link #ofFile}, if any. */
  public Optional<Path> file() {
    return Optional.ofNullable(file);
  }

  /**
   * Checks the file this config names, or else {@code command}'s executable.
   *
   * @throws PluginChecksumException when the file does not match, cannot be found or cannot be read
   */
  public void check(List<String> command) {
    verify(file != null ? file : executable(command.get(0)));
  }

  /**
   * Hashes {@code file} and compares the result with the expected checksum.
   *
   * @throws PluginChecksumException when they differ or the file cannot be read
   */
  public void verify(Path file) {
    // workbook:begin secure-config-checksum
    MessageDigest sha256 = sha256Digest();
    try (InputStream in = new DigestInputStream(Files.newInputStream(file), sha256)) {
      in.transferTo(OutputStream.nullOutputStream());
    } catch (NoSuchFileException e) {
      throw PluginChecksumException.unreadable(file, expected(), "does not exist", e);
    } catch (IOException e) {
      throw PluginChecksumException.unreadable(file, expected(), "could not be read: " + e, e);
    }
    byte[] actual = sha256.digest();
    if (!MessageDigest.isEqual(actual, checksum)) { // constant time, as go-plugin's subtle.ConstantTimeCompare
      throw PluginChecksumException.mismatch(file, expected(), HexFormat.of().formatHex(actual));
    }
    // workbook:end
  }

  /**
   * The file {@code program} runs: itself when it has a slash, else the first executable of that name on PATH, as
   * go-plugin's {@code exec.Command} looks it up.
   */
  Path executable(String program) {
    if (program.contains("/")) {
      return Path.of(program).toAbsolutePath();
    }
    String path = Optional.ofNullable(System.getenv("PATH")).orElse("");
    for (String dir : path.split(":")) {
      Path candidate = Path.of(dir.isEmpty() ? "." : dir, program);
      if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
        return candidate.toAbsolutePath();
      }
    }
    throw PluginChecksumException.unreadable(Path.of(program), expected(), "is not an executable on PATH (" + path + ")",
        null);
  }

  private static MessageDigest sha256Digest() {
    return Sha256.newDigest();
  }
}
