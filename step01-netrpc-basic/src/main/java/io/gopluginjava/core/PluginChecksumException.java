package io.gopluginjava.core;

import java.nio.file.Path;

/**
 * {@link SecureConfig} refused to start a plugin: the file it hashes is not the one the host was told to expect, or
 * could not be read. Either way nothing was executed. Like go-plugin's {@code ErrChecksumsDoNotMatch}.
 */
public final class PluginChecksumException extends PluginException {

  /** Why the check failed. */
  public enum Problem {
    MISMATCH,
    UNREADABLE
  }

  private final Problem problem;
  private final Path file;
  private final String expected;
  private final String actual;

  PluginChecksumException(Problem problem, Path file, String expected, String actual, String message, Throwable cause) {
    super(message, cause);
    this.problem = problem;
    this.file = file;
    this.expected = expected;
    this.actual = actual;
  }

  static PluginChecksumException mismatch(Path file, String expected, String actual) {
    return new PluginChecksumException(Problem.MISMATCH, file, expected, actual,
        "the plugin was not started: the SHA-256 of " + file + " is " + actual + ", but the host expected " + expected,
        null);
  }

  static PluginChecksumException unreadable(Path file, String expected, String why, Throwable cause) {
    return new PluginChecksumException(Problem.UNREADABLE, file, expected, null,
        "the plugin was not started: its SHA-256 could not be checked, " + file + " " + why + " (expected " + expected
            + ")", cause);
  }

  public Problem problem() {
    return problem;
  }

  /** The file that was hashed (or could not be). */
  public Path file() {
    return file;
  }

  /** The SHA-256 the host expected, in lower-case hex. */
  public String expected() {
    return expected;
  }

  /** The SHA-256 the file has, in lower-case hex; null when it could not be read. */
  public String actual() {
    return actual;
  }
}
