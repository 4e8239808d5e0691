package io.gopluginjava.core;

/** The plugin's handshake line is not one this host can use. The message quotes the line and what was expected. */
public final class HandshakeException extends PluginException {

  /** What was wrong with the line. */
  public enum Problem {
    NOT_A_HANDSHAKE,
    FIELD_COUNT,
    NOT_A_NUMBER,
    CORE_VERSION,
    APP_VERSION,
    NETWORK,
    ADDRESS,
    PROTOCOL,
    SERVER_CERT,
    MULTIPLEX
  }

  private final Problem problem;
  private final String line;

  public HandshakeException(Problem problem, String line, String message) {
    super(message + "\n  handshake line: \"" + line + "\"");
    this.problem = problem;
    this.line = line;
  }

  public Problem problem() {
    return problem;
  }

  /** The line exactly as the plugin printed it. */
  public String line() {
    return line;
  }
}
