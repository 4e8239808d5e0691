package io.gopluginjava.step01.shared;

import io.gopluginjava.core.HandshakeConfig;

/** The handshake host and plugin share, defined once so the two sides cannot drift apart. */
public final class Handshakes {

  // tag::handshake-config[]
  /** The blog's and go-plugin's examples' handshake: protocol version 1, cookie BASIC_PLUGIN=hello. */
  public static final HandshakeConfig GREETER = new HandshakeConfig(1, "BASIC_PLUGIN", "hello");
  // end::handshake-config[]

  /** The name the host dispenses and the plugin serves. */
  public static final String GREETER_PLUGIN = "greeter";

  /** go-plugin's examples/grpc name for its KV over netrpc (the same handshake as the Greeter's). */
  public static final String KV_PLUGIN = "kv";

  /** The Counter that calls its host back through the MuxBroker. */
  public static final String COUNTER_PLUGIN = "counter";

  private Handshakes() {}
}
