package io.gopluginjava.jsonrpc;

/** Sees every JSON message a connection sends and receives, e.g. to print the tour's trace. */
@FunctionalInterface
public interface WireTap {
  WireTap NONE = (outgoing, json) -> {};

  void onMessage(boolean outgoing, String json);
}
