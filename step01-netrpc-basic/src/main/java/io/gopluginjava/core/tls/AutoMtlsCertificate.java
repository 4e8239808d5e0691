package io.gopluginjava.core.tls;

import io.gopluginjava.core.Handshake;
import io.gopluginjava.core.HandshakeException;
import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.Base64;

/**
 * A certificate and key made on the spot for AutoMTLS, exactly as go-plugin's {@code mtls.go} makes them: ECDSA
 * P-521, CN and DNS name {@code localhost}, a CA that may sign, for both client and server authentication. The JDK
 * makes the key and the signature; {@link CertificateTemplate} writes the rest. Both wires use it: gRPC (step02's
 * {@code SelfSignedCert}) and netrpc.
 */
public record AutoMtlsCertificate(X509Certificate certificate, PrivateKey privateKey) {

  /** Where a host with AutoMTLS puts its certificate (PEM) in the plugin's environment. */
  public static final String CLIENT_CERT_ENV = "PLUGIN_CLIENT_CERT";

  public static AutoMtlsCertificate generate() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp521r1"));
      KeyPair keys = generator.generateKeyPair();
      // go-plugin: rand.Int(rand.Reader, 2^128), so never negative, at most 128 bits.
      BigInteger serial = new BigInteger(128, new SecureRandom());
      byte[] toBeSigned = CertificateTemplate.toBeSigned(serial, Instant.now(), (ECPublicKey) keys.getPublic());
      Signature signer = Signature.getInstance("SHA512withECDSA");
      signer.initSign(keys.getPrivate());
      signer.update(toBeSigned);
      X509Certificate certificate = parse(CertificateTemplate.certificate(toBeSigned, signer.sign()));
      return new AutoMtlsCertificate(certificate, keys.getPrivate());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("could not generate an AutoMTLS certificate: " + e.getMessage(), e);
    }
  }

  /** The certificate as PEM: how a host hands its certificate to the plugin in {@code PLUGIN_CLIENT_CERT}. */
  public String pem() {
    return "-----BEGIN CERTIFICATE-----\n"
        + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der(certificate))
        + "\n-----END CERTIFICATE-----\n";
  }

  /**
   * The certificate as the handshake line's sixth field: DER in base64 <em>without padding</em> (Go's
   * {@code RawStdEncoding}), since a PEM's newlines cannot go on one line and a Go host fails on padded input.
   */
  public String handshakeField() {
    return Base64.getEncoder().withoutPadding().encodeToString(der(certificate));
  }

  /** Reads the certificate a plugin announced in its handshake line. */
  public static X509Certificate fromHandshakeField(String field) {
    try {
      return parse(Base64.getDecoder().decode(field));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("the server certificate field is not base64: " + e.getMessage(), e);
    }
  }

  /**
   * The host's copy of the certificate the plugin announced in field 6 of {@code line}: the only one it will trust.
   * go-plugin reads field 6 only when it is longer than 50 characters; shorter is "no certificate".
   */
  public static X509Certificate announcedIn(Handshake handshake, String line) {
    if (handshake.serverCert().length() <= 50) {
      throw new HandshakeException(HandshakeException.Problem.SERVER_CERT, line,
          "AutoMTLS is on, but the plugin announced no certificate in field 6: it ignored " + CLIENT_CERT_ENV
              + " (turn AutoMTLS off for a plugin without TLS)");
    }
    try {
      return fromHandshakeField(handshake.serverCert());
    } catch (IllegalArgumentException e) {
      throw new HandshakeException(HandshakeException.Problem.SERVER_CERT, line,
          "field 6 is not a certificate (expected DER in base64 without padding): " + e.getMessage());
    }
  }

  /** Reads the certificate a host passed in {@code PLUGIN_CLIENT_CERT}. */
  public static X509Certificate fromPem(String pem) {
    String body = pem.replace("-----BEGIN CERTIFICATE-----", "").replace("-----END CERTIFICATE-----", "")
        .replaceAll("\\s", "");
    return parse(Base64.getDecoder().decode(body));
  }

  private static X509Certificate parse(byte[] der) {
    try {
      return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
    } catch (CertificateException e) {
      throw new IllegalArgumentException("not an X.509 certificate: " + e.getMessage(), e);
    }
  }

  /** The certificate's DER bytes, as they go into the handshake field. */
  public static byte[] der(X509Certificate certificate) {
    try {
      return certificate.getEncoded();
    } catch (CertificateEncodingException e) {
      throw new IllegalStateException(e);
    }
  }
}
