package io.gopluginjava.grpc;

import io.gopluginjava.core.Plugin;
import io.gopluginjava.core.ServedPlugins;
import io.gopluginjava.core.ServerProtocolFactory;

/** The gRPC wire for {@link io.gopluginjava.core.PluginServer}, found through {@code Protocol.GRPC}. */
public final class GrpcServerProtocolFactory implements ServerProtocolFactory {

  @Override
  public boolean canServe(Plugin plugin) {
    return plugin instanceof GrpcPlugin<?>;
  }

  @Override
  public int serve(ServedPlugins served) {
    return GrpcPluginServer.serve(served);
  }
}
