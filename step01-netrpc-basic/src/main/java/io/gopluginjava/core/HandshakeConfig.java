package io.gopluginjava.core;

import java.util.Objects;

/**
 * What host and plugin agree on before anything else: the app protocol version and the magic cookie.
 *
 * <p>As go-plugin says of its own HandshakeConfig: the cookie is a UX feature, not a security feature. It stops
 * a user from running a plugin binary by hand and wondering why it just sits there.
 */
public record HandshakeConfig(int protocolVersion, String magicCookieKey, String magicCookieValue) {

  public HandshakeConfig {
    Objects.requireNonNull(magicCookieKey, "magicCookieKey");
    Objects.requireNonNull(magicCookieValue, "magicCookieValue");
    if (magicCookieKey.isEmpty() || magicCookieValue.isEmpty()) {
      throw new IllegalArgumentException("a handshake config needs a non-empty magic cookie key and value, got "
          + magicCookieKey + "=" + magicCookieValue);
    }
    if (protocolVersion < 1) {
      throw new IllegalArgumentException("protocol versions start at 1, got " + protocolVersion);
    }
  }
}
