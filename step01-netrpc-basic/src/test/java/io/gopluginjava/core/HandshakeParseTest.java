package io.gopluginjava.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.gopluginjava.core.HandshakeException.Problem;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@DisplayName("Handshake.parse and Handshake.accept")
class HandshakeParseTest {

  @Test
  @DisplayName("reads the six fields a Go plugin prints")
  void readsSixFields() {
    Handshake handshake = Handshake.parse("1|1|unix|/tmp/plugin1/plugin.sock|grpc|\n");

    assertThat(handshake).as("the parsed line")
        .isEqualTo(Handshake.of(1, "unix", "/tmp/plugin1/plugin.sock", "grpc"));
  }

  @Test
  @DisplayName("treats a missing protocol field as netrpc, go-plugin's original protocol")
  void fourFieldsMeanNetRpc() {
    assertThat(Handshake.parse("1|2|tcp|127.0.0.1:1234").protocol()).as("protocol of a four-field line")
        .isEqualTo("netrpc");
  }

  @Test
  @DisplayName("reads the certificate and the multiplex flag, and ignores fields after the seventh as go-plugin does")
  void readsCertificateAndMultiplex() {
    Handshake handshake = Handshake.parse("1|1|unix|/s|grpc|MIIBcert|true|something-newer");

    assertThat(handshake.serverCert()).as("sixth field").isEqualTo("MIIBcert");
    assertThat(handshake.multiplex()).as("seventh field").isTrue();
  }

  @Test
  @DisplayName("fuzzing bug: a certificate followed by '|false' kept its trailing space, so its printed line read "
      + "back different")
  void certificateFieldIsTrimmedWhenAFieldFollows() {
    Handshake handshake = Handshake.parse("1|1|unix|/s|grpc|MIIBcert |false");

    assertThat(handshake.serverCert()).as("sixth field, a seventh after it").isEqualTo("MIIBcert");
    assertThat(Handshake.parse(handshake.toLine())).as("parse(toLine())").isEqualTo(handshake);
  }

  @Test
  @DisplayName("fuzzing bug: versions in other scripts' digits (\u0661, an Arabic-Indic 1) were read; go-plugin "
      + "refuses them")
  void versionsAreAsciiDigits() {
    assertThatExceptionOfType(HandshakeException.class)
        .isThrownBy(() -> Handshake.parse("\u0661|1|unix|/s|grpc|"))
        .satisfies(e -> assertThat(e.problem()).as("problem").isEqualTo(Problem.NOT_A_NUMBER));
  }

  @ParameterizedTest(name = "{0}")
  @DisplayName("refuses a malformed line with a typed error that quotes the line and says what was expected")
  @CsvSource(delimiter = ';', textBlock = """
      not a handshake line at all;  Hello from a plugin that prints first;   NOT_A_HANDSHAKE; CORE|APP|NETWORK|ADDR|PROTOCOL
      too few fields;               1|1|unix;                                FIELD_COUNT;     at least 4 fields
      a core version that is text;  one|1|unix|/s|grpc|;                     NOT_A_NUMBER;    expected a whole number
      another core version;         2|1|unix|/s|grpc|;                       CORE_VERSION;    core version 2, this host speaks 1
      an app version that is text;  1|v1|unix|/s|grpc|;                      NOT_A_NUMBER;    "v1"
      an unknown network;           1|1|carrier-pigeon|/s|grpc|;             NETWORK;         expected one of [tcp, unix]
      an empty address;             1|1|unix||grpc|;                         ADDRESS;         socket path or host:port
      a multiplex flag that is not a boolean; 1|1|unix|/s|grpc||maybe;      MULTIPLEX;       expected true or false
      """)
  void refusesMalformedLines(String what, String line, Problem problem, String expected) {
    assertThatExceptionOfType(HandshakeException.class)
        .as(what)
        .isThrownBy(() -> Handshake.parse(line))
        .satisfies(e -> assertThat(e.problem()).as("problem").isEqualTo(problem))
        .withMessageContaining(expected)
        .withMessageContaining("\"" + line + "\"");
  }

  @Test
  @DisplayName("the host refuses an app version it did not offer, naming what it offered")
  void refusesAnAppVersionNotOffered() {
    assertThatExceptionOfType(HandshakeException.class)
        .isThrownBy(() -> Handshake.accept("1|1|unix|/s|netrpc|", Set.of(3, 2), Set.of("netrpc")))
        .satisfies(e -> assertThat(e.problem()).as("problem").isEqualTo(Problem.APP_VERSION))
        .withMessageContaining("the plugin chose version 1, but this host offered [2, 3]");
  }

  @Test
  @DisplayName("the host refuses a protocol it does not allow, naming the ones it allows")
  void refusesAProtocolNotAllowed() {
    assertThatExceptionOfType(HandshakeException.class)
        .isThrownBy(() -> Handshake.accept("1|1|unix|/s|grpc|", Set.of(1), Set.of("netrpc")))
        .satisfies(e -> assertThat(e.problem()).as("problem").isEqualTo(Problem.PROTOCOL))
        .withMessageContaining("protocol \"grpc\", but this host allows only [netrpc]");
  }

  @Test
  @DisplayName("what a plugin prints, its host reads back unchanged")
  void printAndParseAgree() {
    Handshake printed = new Handshake(1, 2, "tcp", "127.0.0.1:10001", "netrpc", "", false);

    assertThat(Handshake.parse(printed.toLine())).as("parse(toLine())").isEqualTo(printed);
  }
}
