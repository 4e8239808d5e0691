package io.gopluginjava.core;

import java.util.List;
import java.util.Map;

/**
 * What a plugin's {@code main} hands to {@link PluginServer#serve}: the handshake it expects, the plugins it
 * serves by name, and the app protocol versions it can speak (by default only the handshake's).
 */
public record ServeConfig(HandshakeConfig handshake, Map<String, RpcPlugin<?>> plugins, List<Integer> versions) {

  public ServeConfig {
    plugins = Map.copyOf(plugins);
    versions = List.copyOf(versions);
    if (versions.isEmpty()) {
      throw new IllegalArgumentException("a plugin must speak at least one app protocol version");
    }
  }

  public ServeConfig(HandshakeConfig handshake, Map<String, RpcPlugin<?>> plugins) {
    this(handshake, plugins, List.of(handshake.protocolVersion()));
  }
}
