package io.gopluginjava.netrpc;

import io.gopluginjava.core.Plugin;
import io.gopluginjava.core.ServedPlugins;
import io.gopluginjava.core.ServerProtocolFactory;

/** The netrpc wire for {@link io.gopluginjava.core.PluginServer}, found through {@code Protocol.NETRPC}. */
public final class NetRpcServerProtocolFactory implements ServerProtocolFactory {

  @Override
  public boolean canServe(Plugin plugin) {
    return plugin instanceof NetRpcPlugin<?>;
  }

  @Override
  public int serve(ServedPlugins served) {
    return NetRpcPluginServer.serve(served);
  }
}
