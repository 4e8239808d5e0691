package io.gopluginjava.step02.shared;

import io.gopluginjava.core.HandshakeConfig;

/** Handshake and plugin names of step02, defined once for host and plugin, and as go-plugin's KV example has them. */
public final class Plugins {

  /** go-plugin's examples/grpc handshake: protocol version 1, BASIC_PLUGIN=hello. */
  public static final HandshakeConfig HANDSHAKE = new HandshakeConfig(1, "BASIC_PLUGIN", "hello");

  /** go-plugin's examples/grpc host dispenses "kv_grpc" (the name never goes on the wire under gRPC). */
  public static final String KV = "kv_grpc";

  public static final String GREETER = "greeter";

  private Plugins() {}
}
