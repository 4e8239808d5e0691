package io.gopluginjava.core;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/** The environment a host gives its plugin on top of its own, as go-plugin's {@code client.go} does. */
public final class HandshakeEnvironment {

  private HandshakeEnvironment() {}

  // tag::plugin-environment[]
  /** The cookie, the port range, the app versions this host accepts and, when asked for, the network. */
  public static Map<String, String> of(HandshakeConfig handshake, Collection<Integer> versions, String network) {
    Map<String, String> env = new LinkedHashMap<>();
    env.put(handshake.magicCookieKey(), handshake.magicCookieValue());
    env.put(PluginListener.MIN_PORT_ENV, String.valueOf(PluginListener.DEFAULT_MIN_PORT));
    env.put(PluginListener.MAX_PORT_ENV, String.valueOf(PluginListener.DEFAULT_MAX_PORT));
    env.put(ProtocolVersions.ENV, ProtocolVersions.format(versions));
    if (network.equals("tcp")) {
      env.put(PluginListener.NETWORK_ENV, "tcp");
    }
    return env;
  }
  // end::plugin-environment[]
}
