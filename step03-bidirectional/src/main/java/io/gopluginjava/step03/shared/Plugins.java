package io.gopluginjava.step03.shared;

import io.gopluginjava.core.HandshakeConfig;

/** Handshake and plugin name of step03, as go-plugin's examples/bidirectional has them. */
public final class Plugins {

  /** The same handshake as go-plugin's other examples: protocol version 1, BASIC_PLUGIN=hello. */
  public static final HandshakeConfig HANDSHAKE = io.gopluginjava.step02.shared.Plugins.HANDSHAKE;

  public static final String COUNTER = "counter";

  private Plugins() {}
}
