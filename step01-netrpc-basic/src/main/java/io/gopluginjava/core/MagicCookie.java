package io.gopluginjava.core;

import java.util.Map;

/** The plugin's first check: was I started by a host that knows the cookie, or by a person at a shell? */
public final class MagicCookie {

  /** go-plugin's message, word for word, so a user sees the same text whichever language the plugin is in. */
  public static final String NOT_A_HOST_MESSAGE =
      "This binary is a plugin. These are not meant to be executed directly.\n"
          + "Please execute the program that consumes these plugins, which will\n"
          + "load any plugins automatically\n";

  private MagicCookie() {}

  /** True when {@code env} holds the cookie key with exactly the cookie value. */
  public static boolean isPresent(Map<String, String> env, HandshakeConfig handshake) {
    // workbook:begin cookie-check
    return handshake.magicCookieValue().equals(env.get(handshake.magicCookieKey()));
    // workbook:end
  }
}
