package io.gopluginjava.core;

/** Base of every error this library reports about a plugin: catch this to catch them all. */
public class PluginException extends RuntimeException {

  public PluginException(String message) {
    super(message);
  }

  public PluginException(String message, Throwable cause) {
    super(message, cause);
  }
}
