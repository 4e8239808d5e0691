package io.gopluginjava.core;

/**
 * One connection to a started plugin over one wire, like go-plugin's {@code ClientProtocol} ({@code protocol.go}):
 * {@link PluginClient} owns the process, this owns the connection. Made by the wire's {@link ClientProtocolFactory}.
 */
public interface ClientProtocol {

  /** The wire this connection speaks. */
  Protocol protocol();

  /**
   * A client for {@code plugin}, registered under {@code name} for the negotiated app protocol {@code version}.
   *
   * @throws PluginException when the declaration cannot be used on this wire
   */
  Object dispense(String name, Plugin plugin, int version);

  /**
   * {@code client} as {@code type} (an interface) whose every failure is a {@link PluginCallException}, with the
   * plugin's exit status and stderr when its process ended.
   */
  <T> T explainFailures(Class<T> type, T client);

  /** Checks that the plugin answers, as go-plugin's {@code Ping}. */
  void ping();

  /**
   * go-plugin's {@code Kill} for this wire: ask the plugin to exit, call {@code exit} (which waits for it until the
   * host's deadline and destroys what is left), and close the connection.
   */
  void kill(ExitWait exit);

  /** Closes the connection and leaves the plugin running (a reattached plugin in test mode). */
  void close();

  /** The host's wait for the plugin's exit after it was asked to quit. */
  @FunctionalInterface
  interface ExitWait {
    /** Waits for the exit, destroying the plugin at the deadline; true when it exited by itself, cleanly. */
    boolean await();
  }
}
