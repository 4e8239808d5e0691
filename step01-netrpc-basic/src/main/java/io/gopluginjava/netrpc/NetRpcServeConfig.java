package io.gopluginjava.netrpc;

import io.gopluginjava.core.HandshakeConfig;
import java.util.List;
import java.util.Map;

/** What a netrpc plugin's {@code main} hands to {@link NetRpcPluginServer#serve}: as core's ServeConfig, for netrpc. */
public record NetRpcServeConfig(HandshakeConfig handshake, Map<String, NetRpcPlugin<?>> plugins,
    List<Integer> versions) {

  public NetRpcServeConfig {
    plugins = Map.copyOf(plugins);
    versions = List.copyOf(versions);
    if (versions.isEmpty()) {
      throw new IllegalArgumentException("a plugin must speak at least one app protocol version");
    }
  }

  public NetRpcServeConfig(HandshakeConfig handshake, Map<String, NetRpcPlugin<?>> plugins) {
    this(handshake, plugins, List.of(handshake.protocolVersion()));
  }
}
