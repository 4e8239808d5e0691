package io.gopluginjava.jsonrpc;

import io.gopluginjava.core.PluginException;

/** An RPC call failed: the plugin returned an error, the connection closed, or no reply came in time. */
public final class RpcException extends PluginException {

  public RpcException(String message) {
    super(message);
  }

  public RpcException(String message, Throwable cause) {
    super(message, cause);
  }
}
