package io.gopluginjava.core;

/**
 * Makes the {@link ClientProtocol} of one wire; found by {@link Protocol#clientFactory()}, so that an implementation
 * needs a public no-argument constructor.
 */
public interface ClientProtocolFactory {

  /** Called while the plugin starts, before its handshake, so that the wire can get ready in parallel. */
  default void prepare(boolean tls) {
  }

  /**
   * Connects to the plugin {@code connection} describes. On failure it closes what it opened and throws; the caller
   * ends the plugin.
   */
  ClientProtocol connect(ProtocolConnection connection);
}
