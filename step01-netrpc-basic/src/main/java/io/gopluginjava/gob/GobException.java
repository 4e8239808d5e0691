package io.gopluginjava.gob;

import java.io.IOException;

/** A gob stream that cannot be decoded (malformed, or past a limit), or a value that cannot be encoded as its type. */
public final class GobException extends IOException {

  public GobException(String message) {
    super(message);
  }
}
