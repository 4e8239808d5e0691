package io.gopluginjava.grpc;

import io.gopluginjava.core.tls.AutoMtlsCertificate;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Base64;

/**
 * A certificate and key made on the spot for AutoMTLS, exactly as go-plugin's {@code mtls.go} makes them: ECDSA
 * P-521, CN and DNS name {@code localhost}, a CA that may sign, for both client and server authentication. Made by
 * core's {@link AutoMtlsCertificate}, which step01's netrpc wire uses too; the handshake field is this step's piece.
 */
public record SelfSignedCert(X509Certificate certificate, PrivateKey privateKey) {

  public static SelfSignedCert generate() {
    AutoMtlsCertificate made = AutoMtlsCertificate.generate();
    return new SelfSignedCert(made.certificate(), made.privateKey());
  }

  /** The same certificate and key as core's type, for the key and trust managers. */
  public AutoMtlsCertificate core() {
    return new AutoMtlsCertificate(certificate, privateKey);
  }

  /** The certificate as PEM: how a host hands its certificate to the plugin in {@code PLUGIN_CLIENT_CERT}. */
  public String pem() {
    return core().pem();
  }

  /**
   * The certificate as the handshake line's sixth field: DER in base64 <em>without padding</em> (Go's
   * {@code RawStdEncoding}), since a PEM's newlines cannot go on one line and a Go host fails on padded input.
   */
  public String handshakeField() {
    // workbook:begin handshake-cert-field
    return Base64.getEncoder().withoutPadding().encodeToString(AutoMtlsCertificate.der(certificate));
    // workbook:end
  }

  /** Reads the certificate a plugin announced in its handshake line. */
  public static X509Certificate fromHandshakeField(String field) {
    return AutoMtlsCertificate.fromHandshakeField(field);
  }

  /** Reads the certificate a host passed in {@code PLUGIN_CLIENT_CERT}. */
  public static X509Certificate fromPem(String pem) {
    return AutoMtlsCertificate.fromPem(pem);
  }
}
