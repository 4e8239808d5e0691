package io.gopluginjava.grpc;

/**
 * Netty settings this library chooses unless the application already chose: set before Netty's first class loads.
 */
final class NettyDefaults {

  /**
   * Netty 4.2 emits JFR events for its buffer pool when JFR is available, and the first pooled buffer then registers
   * them, which starts JFR's metadata repository: about 90 ms of a plugin's start and as much in its host, for events
   * nobody records. {@code -Dio.netty.jfr.enabled=true} turns them back on.
   */
  static final String JFR = "io.netty.jfr.enabled";

  private NettyDefaults() {}

  static void apply() {
    if (System.getProperty(JFR) == null) {
      System.setProperty(JFR, "false");
    }
  }
}
