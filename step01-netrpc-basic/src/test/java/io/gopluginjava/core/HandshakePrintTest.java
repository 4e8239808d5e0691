package io.gopluginjava.core;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Handshake.toLine")
class HandshakePrintTest {

  @Test
  @DisplayName("prints six fields like a Go plugin, so without a certificate the line ends in '|'")
  void printsSixFieldsWithAnEmptyCertificate() {
    Handshake handshake = Handshake.of(1, "unix", "/tmp/plugin1/plugin.sock", "netrpc");

    assertThat(handshake.toLine()).as("the handshake line of a plugin without AutoMTLS")
        .isEqualTo("1|1|unix|/tmp/plugin1/plugin.sock|netrpc|");
  }

  @Test
  @DisplayName("puts the plugin's certificate in the sixth field")
  void printsTheCertificateField() {
    Handshake handshake = new Handshake(1, 3, "tcp", "127.0.0.1:10000", "grpc", "MIIBcert", false);

    assertThat(handshake.toLine()).as("the handshake line with a certificate")
        .isEqualTo("1|3|tcp|127.0.0.1:10000|grpc|MIIBcert");
  }

  @Test
  @DisplayName("appends a seventh field, true, only when the plugin supports multiplexing")
  void appendsMultiplexOnlyWhenOn() {
    Handshake handshake = new Handshake(1, 1, "unix", "/s", "grpc", "", true);

    assertThat(handshake.toLine()).as("the handshake line of a multiplexing plugin").isEqualTo("1|1|unix|/s|grpc||true");
  }
}
