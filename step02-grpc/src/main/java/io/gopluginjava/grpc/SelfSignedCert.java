package io.gopluginjava.grpc;

import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A certificate and key made on the spot for AutoMTLS, exactly as go-plugin's {@code mtls.go} makes them: ECDSA
 * P-521, CN and DNS name {@code localhost}, a CA that may sign, for both client and server authentication.
 */
public record SelfSignedCert(X509Certificate certificate, PrivateKey privateKey) {

  /** go-plugin's validity: from 30 s ago, for 262980 hours (30 years). */
  private static final Duration BACKDATE = Duration.ofSeconds(30);
  private static final Duration VALIDITY = Duration.ofHours(262980);

  public static SelfSignedCert generate() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp521r1"));
      KeyPair keys = generator.generateKeyPair();
      X500Name name = new X500Name("CN=localhost,O=HashiCorp");
      Instant now = Instant.now();
      JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name,
          new BigInteger(128, new SecureRandom()), Date.from(now.minus(BACKDATE)), Date.from(now.plus(VALIDITY)),
          name, keys.getPublic());
      builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
      builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature
          | KeyUsage.keyEncipherment | KeyUsage.keyAgreement | KeyUsage.keyCertSign));
      builder.addExtension(Extension.extendedKeyUsage, false,
          new ExtendedKeyUsage(new KeyPurposeId[] {KeyPurposeId.id_kp_clientAuth, KeyPurposeId.id_kp_serverAuth}));
      builder.addExtension(Extension.subjectAlternativeName, false,
          new GeneralNames(new GeneralName(GeneralName.dNSName, "localhost")));
      var signer = new JcaContentSignerBuilder("SHA512withECDSA").build(keys.getPrivate());
      X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(builder.build(signer));
      return new SelfSignedCert(certificate, keys.getPrivate());
    } catch (GeneralSecurityException | OperatorCreationException | CertIOException e) {
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
    // workbook:begin handshake-cert-field
    return Base64.getEncoder().withoutPadding().encodeToString(der(certificate));
    // workbook:end
  }

  /** Reads the certificate a plugin announced in its handshake line. */
  public static X509Certificate fromHandshakeField(String field) {
    try {
      return parse(Base64.getDecoder().decode(field));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("the server certificate field is not base64: " + e.getMessage(), e);
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

  private static byte[] der(X509Certificate certificate) {
    try {
      return certificate.getEncoded();
    } catch (java.security.cert.CertificateEncodingException e) {
      throw new IllegalStateException(e);
    }
  }
}
