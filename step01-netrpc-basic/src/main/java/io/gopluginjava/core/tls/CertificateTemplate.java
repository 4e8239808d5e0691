package io.gopluginjava.core.tls;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.ECPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;

/**
 * go-plugin's AutoMTLS certificate template ({@code mtls.go}, {@code generateCert}) written as DER the way Go's
 * {@code x509.CreateCertificate} writes it: subject and issuer {@code O=HashiCorp, CN=localhost} (Go's order,
 * PrintableStrings), extensions in Go's order with Go's criticality, and the subject key id Go adds to every CA.
 */
final class CertificateTemplate {

  /** go-plugin's validity: from 30 s ago, for 262980 hours (30 years). */
  static final Duration BACKDATE = Duration.ofSeconds(30);
  static final Duration VALIDITY = Duration.ofHours(262980);
  static final String HOST = "localhost";

  static final String ECDSA_WITH_SHA512 = "1.2.840.10045.4.3.4";
  static final String EC_PUBLIC_KEY = "1.2.840.10045.2.1";
  static final String SECP521R1 = "1.3.132.0.35";
  static final String COMMON_NAME = "2.5.4.3";
  static final String ORGANIZATION = "2.5.4.10";
  static final String KEY_USAGE = "2.5.29.15";
  static final String EXTENDED_KEY_USAGE = "2.5.29.37";
  static final String BASIC_CONSTRAINTS = "2.5.29.19";
  static final String SUBJECT_KEY_ID = "2.5.29.14";
  static final String SUBJECT_ALT_NAME = "2.5.29.17";
  static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";
  static final String SERVER_AUTH = "1.3.6.1.5.5.7.3.1";

  /** RFC 5280 key usage bits: digitalSignature, keyEncipherment, keyAgreement, keyCertSign. */
  static final int[] KEY_USAGE_BITS = {0, 2, 4, 5};

  private CertificateTemplate() {}

  /** The TBSCertificate, the part the key signs, for a certificate issued at {@code now}. */
  static byte[] toBeSigned(BigInteger serial, Instant now, ECPublicKey key) {
    byte[] name = name();
    byte[] point = uncompressedPoint(key);
    return Der.sequence(
        Der.explicit(0, Der.integer(2)), // version 3
        Der.integer(serial),
        signatureAlgorithm(),
        name, // issuer: self-signed
        Der.sequence(Der.time(now.minus(BACKDATE)), Der.time(now.plus(VALIDITY))),
        name,
        Der.sequence(Der.sequence(Der.oid(EC_PUBLIC_KEY), Der.oid(SECP521R1)), Der.bitString(point)),
        Der.explicit(3, Der.sequence(
            extension(KEY_USAGE, true, Der.namedBits(KEY_USAGE_BITS)),
            extension(EXTENDED_KEY_USAGE, false, Der.sequence(Der.oid(CLIENT_AUTH), Der.oid(SERVER_AUTH))),
            extension(BASIC_CONSTRAINTS, true, Der.sequence(Der.bool(true))), // a CA, no path length limit
            extension(SUBJECT_KEY_ID, false, Der.octetString(subjectKeyId(point))),
            extension(SUBJECT_ALT_NAME, false,
                Der.sequence(Der.implicitPrimitive(2, HOST.getBytes(StandardCharsets.US_ASCII)))))));
  }

  /** The whole certificate: what was signed, how, and the signature (DER, as SHA512withECDSA gives it). */
  static byte[] certificate(byte[] toBeSigned, byte[] signature) {
    return Der.sequence(toBeSigned, signatureAlgorithm(), Der.bitString(signature));
  }

  /** ecdsa-with-SHA512, with its parameters absent (not NULL), as RFC 5758 says and Go writes. */
  private static byte[] signatureAlgorithm() {
    return Der.sequence(Der.oid(ECDSA_WITH_SHA512));
  }

  /** Go's pkix.Name order puts the organization before the common name. */
  private static byte[] name() {
    return Der.sequence(
        Der.set(Der.sequence(Der.oid(ORGANIZATION), Der.printableString("HashiCorp"))),
        Der.set(Der.sequence(Der.oid(COMMON_NAME), Der.printableString(HOST))));
  }

  /** A false criticality is left out, as DER leaves out every default. */
  private static byte[] extension(String oid, boolean critical, byte[] value) {
    return critical
        ? Der.sequence(Der.oid(oid), Der.bool(true), Der.octetString(value))
        : Der.sequence(Der.oid(oid), Der.octetString(value));
  }

  /** SEC 1's uncompressed point: 0x04, then x and y, each as many bytes as the field (66 for P-521). */
  static byte[] uncompressedPoint(ECPublicKey key) {
    int size = (key.getParams().getCurve().getField().getFieldSize() + 7) / 8;
    byte[] point = new byte[1 + 2 * size];
    point[0] = 0x04;
    copyUnsigned(key.getW().getAffineX(), point, 1, size);
    copyUnsigned(key.getW().getAffineY(), point, 1 + size, size);
    return point;
  }

  private static void copyUnsigned(BigInteger value, byte[] into, int at, int size) {
    byte[] bytes = value.toByteArray(); // may have a sign byte in front, or be shorter than the field
    int length = Math.min(bytes.length, size);
    System.arraycopy(bytes, bytes.length - length, into, at + size - length, length);
  }

  /**
   * The key id Go (1.25 and later) gives a CA that has none: the leftmost 160 bits of the SHA-256 of the public key's
   * bits (RFC 7093, section 2, method 1). Go built for an older language version uses SHA-1 (RFC 5280's method 1);
   * nobody checks which, only that a CA has one.
   */
  static byte[] subjectKeyId(byte[] publicKeyBits) {
    try {
      return Arrays.copyOf(MessageDigest.getInstance("SHA-256").digest(publicKeyBits), 20);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
