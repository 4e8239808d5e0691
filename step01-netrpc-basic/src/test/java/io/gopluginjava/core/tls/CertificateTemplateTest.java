package io.gopluginjava.core.tls;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * go-plugin's certificate template as the JDK reads it back. That it is the same certificate Go writes is proved
 * against go-plugin itself in step04 ({@code GoPluginCertificateTest}).
 */
@DisplayName("CertificateTemplate")
class CertificateTemplateTest {

  private static final Instant NOW = Instant.parse("2026-12-01T15:21:47.750Z");
  /** The largest serial go-plugin can draw: 128 bits, the top one set, so its INTEGER needs a sign byte. */
  private static final BigInteger SERIAL = BigInteger.ONE.shiftLeft(128).subtract(BigInteger.ONE);

  private static KeyPair keys;
  private static X509Certificate certificate;

  @BeforeAll
  static void writeOne() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp521r1"));
    keys = generator.generateKeyPair();
    byte[] toBeSigned = CertificateTemplate.toBeSigned(SERIAL, NOW, (ECPublicKey) keys.getPublic());
    Signature signer = Signature.getInstance("SHA512withECDSA");
    signer.initSign(keys.getPrivate());
    signer.update(toBeSigned);
    byte[] der = CertificateTemplate.certificate(toBeSigned, signer.sign());
    certificate = (X509Certificate) CertificateFactory.getInstance("X.509")
        .generateCertificate(new ByteArrayInputStream(der));
  }

  @Test
  @DisplayName("an X.509 v3 certificate with the serial it was given, signed with ECDSA SHA-512 by its own key")
  void versionSerialAndSignature() throws Exception {
    assertThat(certificate.getVersion()).as("version").isEqualTo(3);
    assertThat(certificate.getSerialNumber()).as("serial").isEqualTo(SERIAL);
    assertThat(certificate.getSigAlgOID()).as("signature algorithm").isEqualTo(CertificateTemplate.ECDSA_WITH_SHA512);
    assertThat(certificate.getSigAlgParams()).as("signature algorithm parameters (absent, not NULL)").isNull();
    assertThat(certificate.getPublicKey()).as("public key").isEqualTo(keys.getPublic());
    certificate.verify(keys.getPublic()); // throws unless the signature is the key's
  }

  @Test
  @DisplayName("subject and issuer are O=HashiCorp, CN=localhost, in Go's order")
  void subjectAndIssuer() {
    assertThat(certificate.getSubjectX500Principal().getName()).as("subject, RFC 2253 lists the last RDN first")
        .isEqualTo("CN=localhost,O=HashiCorp");
    assertThat(certificate.getIssuerX500Principal()).as("issuer").isEqualTo(certificate.getSubjectX500Principal());
  }

  @Test
  @DisplayName("valid from 30 s before it was made for 262980 hours, to the second")
  void validity() {
    Instant second = Instant.ofEpochSecond(NOW.getEpochSecond());

    assertThat(certificate.getNotBefore().toInstant()).as("not before").isEqualTo(second.minusSeconds(30));
    assertThat(certificate.getNotAfter().toInstant()).as("not after").isEqualTo(second.plus(Duration.ofHours(262980)));
  }

  @Test
  @DisplayName("key usage digitalSignature, keyEncipherment, keyAgreement, keyCertSign; client then server auth")
  void usages() throws Exception {
    assertThat(certificate.getKeyUsage()).as("key usage bits 0 to 8")
        .containsExactly(true, false, true, false, true, true, false, false, false);
    assertThat(certificate.getExtendedKeyUsage()).as("extended key usages, in Go's order")
        .containsExactly(CertificateTemplate.CLIENT_AUTH, CertificateTemplate.SERVER_AUTH);
  }

  @Test
  @DisplayName("a CA without a path length limit, DNS name localhost; key usage and basic constraints are critical")
  void constraintsNamesAndCriticality() throws Exception {
    assertThat(certificate.getBasicConstraints()).as("path length (MAX_VALUE: a CA, no limit)")
        .isEqualTo(Integer.MAX_VALUE);
    assertThat(certificate.getSubjectAlternativeNames()).as("SANs").containsExactly(List.of(2, "localhost"));
    assertThat(certificate.getCriticalExtensionOIDs()).as("critical extensions")
        .containsExactlyInAnyOrder(CertificateTemplate.KEY_USAGE, CertificateTemplate.BASIC_CONSTRAINTS);
    assertThat(certificate.getNonCriticalExtensionOIDs()).as("other extensions").containsExactlyInAnyOrder(
        CertificateTemplate.EXTENDED_KEY_USAGE, CertificateTemplate.SUBJECT_KEY_ID, CertificateTemplate.SUBJECT_ALT_NAME);
  }

  @Test
  @DisplayName("the subject key id is Go 1.25's: the first 160 bits of the SHA-256 of the public key's point")
  void subjectKeyId() throws Exception {
    byte[] point = CertificateTemplate.uncompressedPoint((ECPublicKey) keys.getPublic());
    byte[] expected = Arrays.copyOf(MessageDigest.getInstance("SHA-256").digest(point), 20);

    assertThat(HexFormat.of().formatHex(certificate.getExtensionValue(CertificateTemplate.SUBJECT_KEY_ID)))
        .as("extension value: OCTET STRING holding the OCTET STRING of the id")
        .isEqualTo("0416" + "0414" + HexFormat.of().formatHex(expected));
  }

  @Test
  @DisplayName("a point whose coordinates are shorter than the field is padded to 66 bytes each, as SEC 1 says")
  void shortCoordinatesArePadded() {
    ECParameterSpec p521 = ((ECPublicKey) keys.getPublic()).getParams();
    ECPublicKey small = new ECPublicKey() {
      @Override
      public ECPoint getW() {
        return new ECPoint(BigInteger.ONE, BigInteger.ONE.shiftLeft(520));
      }

      @Override
      public ECParameterSpec getParams() {
        return p521;
      }

      @Override
      public String getAlgorithm() {
        return "EC";
      }

      @Override
      public String getFormat() {
        return null;
      }

      @Override
      public byte[] getEncoded() {
        return null;
      }
    };

    assertThat(HexFormat.of().formatHex(CertificateTemplate.uncompressedPoint(small))).as("04 || x || y")
        .isEqualTo("04" + "00".repeat(65) + "01" + "01" + "00".repeat(65));
  }

  @Test
  @DisplayName("AutoMtlsCertificate.generate() makes one now: backdated 30 s, a positive serial of at most 128 bits")
  void generatedNow() {
    Instant before = Instant.now();
    X509Certificate generated = AutoMtlsCertificate.generate().certificate();
    Instant after = Instant.now();

    assertThat(generated.getNotBefore().toInstant()).as("not before")
        .isBetween(before.minusSeconds(31), after.minusSeconds(30));
    assertThat(Duration.between(generated.getNotBefore().toInstant(), generated.getNotAfter().toInstant()))
        .as("validity").isEqualTo(Duration.ofHours(262980).plusSeconds(30));
    assertThat(generated.getSerialNumber()).as("serial").isNotNegative();
    assertThat(generated.getSerialNumber().bitLength()).as("serial bits").isLessThanOrEqualTo(128);
  }
}
