package io.gopluginjava.grpc;

import io.gopluginjava.core.HandshakeConfig;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** What a gRPC plugin's {@code main} hands to {@link GrpcPluginServer#serve}. */
public record GrpcServeConfig(HandshakeConfig handshake, Map<String, GrpcPlugin<?>> plugins, List<Integer> versions,
    BrokerFactory broker) {

  public GrpcServeConfig {
    plugins = Map.copyOf(plugins);
    versions = List.copyOf(versions);
    Objects.requireNonNull(broker, "broker (BrokerFactory.NONE for none)");
    if (versions.isEmpty()) {
      throw new IllegalArgumentException("a plugin must speak at least one app protocol version");
    }
  }

  public GrpcServeConfig(HandshakeConfig handshake, Map<String, GrpcPlugin<?>> plugins) {
    this(handshake, plugins, List.of(handshake.protocolVersion()), BrokerFactory.NONE);
  }

  /** The same config with {@code broker} making the broker its plugins get. */
  public GrpcServeConfig withBroker(BrokerFactory broker) {
    return new GrpcServeConfig(handshake, plugins, versions, broker);
  }
}
