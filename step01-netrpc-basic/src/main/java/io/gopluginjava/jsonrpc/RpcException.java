package io.gopluginjava.jsonrpc;

import io.gopluginjava.core.PluginException;

/** An RPC call failed: the plugin returned an error, the connection closed, or no reply came in time. */
public final class RpcException extends PluginException {

  private final boolean connectionLost;

  public RpcException(String message) {
    this(message, null, false);
  }

  public RpcException(String message, Throwable cause) {
    this(message, cause, false);
  }

  private RpcException(String message, Throwable cause, boolean connectionLost) {
    super(message, cause);
    this.connectionLost = connectionLost;
  }

  /** The call could not be answered because the connection closed or broke under it. */
  static RpcException connectionLost(String message) {
    return new RpcException(message, null, true);
  }

  /**
   * Whether the connection to the peer was gone (closed, broken, or a write failed): then the peer's process has
   * most likely ended, rather than answered with an error.
   */
  public boolean connectionLost() {
    return connectionLost || getCause() instanceof java.io.IOException;
  }
}
