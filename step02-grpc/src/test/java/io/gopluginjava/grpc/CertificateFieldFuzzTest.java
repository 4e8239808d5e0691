package io.gopluginjava.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.gopluginjava.core.PluginClient;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import org.junit.jupiter.api.DisplayName;

/**
 * Under AutoMTLS the host trusts exactly the certificate in field 6 of the plugin's handshake line. A normal test run
 * replays {@code CertificateFieldFuzzTestInputs/anyField}; {@code mvn -Pfuzz test} (or {@code ./fuzz}) searches for
 * new inputs.
 */
@DisplayName("SelfSignedCert.fromHandshakeField under fuzzing")
class CertificateFieldFuzzTest {

  @FuzzTest
  @DisplayName("any field either is a certificate or is refused with an IllegalArgumentException")
  void anyField(byte[] input) {
    String field = new String(input, StandardCharsets.UTF_8);
    X509Certificate certificate;
    try {
      certificate = SelfSignedCert.fromHandshakeField(field);
    } catch (IllegalArgumentException refused) {
      // PluginClient turns exactly this into a HandshakeException naming field 6.
      return;
    }
    assertThat(certificate).as("the certificate in \"%s\"", field).isNotNull();
  }
}
