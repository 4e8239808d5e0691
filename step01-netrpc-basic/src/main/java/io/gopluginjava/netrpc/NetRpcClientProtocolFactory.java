package io.gopluginjava.netrpc;

import io.gopluginjava.core.ClientProtocol;
import io.gopluginjava.core.ClientProtocolFactory;
import io.gopluginjava.core.ProtocolConnection;

/** The netrpc wire for {@link io.gopluginjava.core.PluginClient}, found through {@code Protocol.NETRPC}. */
public final class NetRpcClientProtocolFactory implements ClientProtocolFactory {

  @Override
  public ClientProtocol connect(ProtocolConnection connection) {
    return NetRpcClientProtocol.connect(connection);
  }
}
