package io.gopluginjava.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.gopluginjava.step01.shared.Handshakes;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("MagicCookie")
class MagicCookieTest {

  @Test
  @DisplayName("a plugin started with the host's cookie in its environment knows it has a host")
  void cookieWithTheRightValueIsAccepted() {
    assertThat(MagicCookie.isPresent(Map.of("BASIC_PLUGIN", "hello", "HOME", "/root"), Handshakes.GREETER))
        .as("BASIC_PLUGIN=hello against the Greeter handshake").isTrue();
  }

  @Test
  @DisplayName("a cookie with another value is refused: it is some other application's plugin")
  void cookieWithAnotherValueIsRefused() {
    assertThat(MagicCookie.isPresent(Map.of("BASIC_PLUGIN", "goodbye"), Handshakes.GREETER))
        .as("BASIC_PLUGIN=goodbye against the Greeter handshake").isFalse();
  }

  @Test
  @DisplayName("no cookie at all is refused: a person ran the plugin from a shell")
  void missingCookieIsRefused() {
    assertThat(MagicCookie.isPresent(Map.of("HOME", "/root"), Handshakes.GREETER))
        .as("an environment without BASIC_PLUGIN").isFalse();
  }
}
