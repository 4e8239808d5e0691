package io.gopluginjava.yamux;

import java.io.IOException;

/** A yamux session or stream failed: the peer broke the protocol, went away, or the session was closed. */
public class YamuxException extends IOException {

  public YamuxException(String message) {
    super(message);
  }

  public YamuxException(String message, Throwable cause) {
    super(message, cause);
  }
}
