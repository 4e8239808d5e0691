package io.gopluginjava.grpc;

import io.gopluginjava.core.ClientProtocol;
import io.gopluginjava.core.ClientProtocolFactory;
import io.gopluginjava.core.PluginClient;
import io.gopluginjava.core.ProtocolConnection;

/** The gRPC wire for {@link PluginClient}, found through {@code Protocol.GRPC}. */
public final class GrpcClientProtocolFactory implements ClientProtocolFactory {

  /** Netty's event loops and TLS classes warm up while the plugin starts. */
  @Override
  public void prepare(boolean tls) {
    WarmUp.start(tls);
  }

  @Override
  public ClientProtocol connect(ProtocolConnection connection) {
    return GrpcClientProtocol.connect(connection);
  }
}
