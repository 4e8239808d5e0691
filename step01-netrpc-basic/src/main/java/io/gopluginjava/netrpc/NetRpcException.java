package io.gopluginjava.netrpc;

import io.gopluginjava.core.PluginException;

/** The other side answered a net/rpc call with an error (its {@code Response.Error}), or the call could not be made. */
public final class NetRpcException extends PluginException {

  public NetRpcException(String message) {
    super(message);
  }

  public NetRpcException(String message, Throwable cause) {
    super(message, cause);
  }
}
