package io.gopluginjava.grpc;

import io.gopluginjava.core.HandshakeConfig;
import java.util.List;
import java.util.Map;

/** What a gRPC plugin's {@code main} hands to {@link GrpcPluginServer#serve}. */
public record GrpcServeConfig(HandshakeConfig handshake, Map<String, GrpcPlugin<?>> plugins, List<Integer> versions) {

  public GrpcServeConfig {
    plugins = Map.copyOf(plugins);
    versions = List.copyOf(versions);
    if (versions.isEmpty()) {
      throw new IllegalArgumentException("a plugin must speak at least one app protocol version");
    }
  }

  public GrpcServeConfig(HandshakeConfig handshake, Map<String, GrpcPlugin<?>> plugins) {
    this(handshake, plugins, List.of(handshake.protocolVersion()));
  }
}
