package io.gopluginjava.grpc;

import io.gopluginjava.core.PluginException;

/** The broker could not open, find or reach a brokered connection; the message says which id and why. */
public final class BrokerException extends PluginException {

  public BrokerException(String message) {
    super(message);
  }

  public BrokerException(String message, Throwable cause) {
    super(message, cause);
  }
}
