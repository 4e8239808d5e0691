package io.gopluginjava.core;

import java.io.PrintStream;
import java.util.Map;

/** The plugin's first check: was I started by a host that knows the cookie, or by a person at a shell? */
public final class MagicCookie {

  /** go-plugin's message, word for word, so a user sees the same text whichever language the plugin is in. */
  public static final String NOT_A_HOST_MESSAGE =
      "This binary is a plugin. These are not meant to be executed directly.\n"
          + "Please execute the program that consumes these plugins, which will\n"
          + "load any plugins automatically\n";

  private MagicCookie() {}

  /** {@link #isPresent}; when the cookie is missing, also tells the person at the shell, on {@code stderr}. */
  public static boolean explainIfMissing(Map<String, String> env, HandshakeConfig handshake, PrintStream stderr) {
    if (isPresent(env, handshake)) {
      return true;
    }
    stderr.print(NOT_A_HOST_MESSAGE);
    stderr.flush();
    return false;
  }

  /** True when {@code env} holds the cookie key with exactly the cookie value. */
  public static boolean isPresent(Map<String, String> env, HandshakeConfig handshake) {
    // workbook:begin cookie-check
    return handshake.magicCookieValue().equals(env.get(handshake.magicCookieKey()));
    // workbook:end
  }
}
