package io.gopluginjava.core;

/** Where a plugin listens, as the handshake line's third field names it. */
public enum Network {
  /** A Unix domain socket: the default, as in go-plugin (except on Windows). */
  UNIX("unix"),
  /** A TCP port on localhost. */
  TCP("tcp");

  private final String wireName;

  Network(String wireName) {
    this.wireName = wireName;
  }

  /** {@code unix} or {@code tcp}, as on the handshake line. */
  public String wireName() {
    return wireName;
  }

  /**
   * The network named {@code name} on a handshake line, e.g. from a setting.
   *
   * @throws IllegalArgumentException naming the networks there are
   */
  public static Network parse(String name) {
    for (Network network : values()) {
      if (network.wireName.equals(name)) {
        return network;
      }
    }
    throw new IllegalArgumentException("network must be one of " + Handshake.NETWORKS + ", got " + name);
  }

  @Override
  public String toString() {
    return wireName;
  }
}
