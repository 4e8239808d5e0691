package io.gopluginjava.step04;

import static org.assertj.core.api.Assertions.assertThat;

import io.gopluginjava.core.ClientConfig;
import io.gopluginjava.core.PluginClient;
import io.gopluginjava.grpc.SelfSignedCert;
import io.gopluginjava.step02.shared.KV;
import io.gopluginjava.step02.shared.KvGrpcPlugin;
import io.gopluginjava.step02.shared.Plugins;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The Java AutoMTLS certificate ({@link SelfSignedCert}, the JDK alone) against certificates made by go-plugin's own
 * {@code generateCert} ({@code mtls.go}): the one a go-plugin host hands its plugin in {@code PLUGIN_CLIENT_CERT}
 * (step04's Go {@code mtls-probe} prints it), and the one a go-plugin plugin announces in its handshake line. Each run
 * across the languages is also the proof that each side's TLS accepts the other's certificate.
 */
@DisplayName("the Java AutoMTLS certificate against go-plugin's own")
class GoPluginCertificateTest {

  private static final Duration VALIDITY = Duration.ofHours(262980).plusSeconds(30);
  private static final String SUBJECT_KEY_ID = "0603551D0E";
  private static final Map<String, String> EXTENSION_NAMES = Map.of("0603551D0F", "key usage",
      "0603551D25", "extended key usage", "0603551D13", "basic constraints", SUBJECT_KEY_ID, "subject key id",
      "0603551D11", "subject alternative name");

  @TempDir static Path dir;

  /** A go-plugin host's certificate, and its run (mtls-probe) against the Java KV plugin. */
  private static GoMade goHost;
  private static GoHost.Run goHostRun;
  /** A go-plugin plugin's certificate, from its handshake line to the Java host, and what the host read back. */
  private static GoMade goPlugin;
  private static String javaHostGot;
  private static X509Certificate javaCert;

  /** A certificate go-plugin made between two instants. */
  record GoMade(String maker, X509Certificate certificate, Instant notBefore, Instant notAfter) {
    @Override
    public String toString() {
      return maker;
    }
  }

  @BeforeAll
  static void collectCertificates() throws Exception {
    Instant started = Instant.now();
    goHostRun = GoHost.run(dir, Map.of("KV_PLUGIN", Language.JAVA.kvPlugin(dir)), "mtls-probe");
    goHost = new GoMade("a go-plugin host", goHostRun.exitStatus() == 0 ? SelfSignedCert.fromPem(goHostRun.stdout())
        : null, started, Instant.now());

    started = Instant.now();
    try (PluginClient client = new PluginClient(ClientConfig.builder()
        .handshake(Plugins.HANDSHAKE)
        .shellCommand(Language.GO.kvPlugin(dir))
        .autoMtls(true)
        .startTimeout(Duration.ofSeconds(30))
        .plugin(Plugins.KV, new KvGrpcPlugin()).build())) {
      KV kv = client.dispense(Plugins.KV, KV.class);
      kv.put("hello", "world".getBytes(StandardCharsets.UTF_8));
      javaHostGot = new String(kv.get("hello"), StandardCharsets.UTF_8);
      goPlugin = new GoMade("a go-plugin plugin", SelfSignedCert.fromHandshakeField(client.handshake().serverCert()),
          started, Instant.now());
    }
    javaCert = SelfSignedCert.generate().certificate();
  }

  static Stream<Arguments> goCertificates() {
    return Stream.of(Arguments.of(goHost), Arguments.of(goPlugin));
  }

  @Test
  @DisplayName("go-plugin's Go host accepts the Java plugin's certificate, and the Java plugin the Go host's")
  void goHostAndJavaPluginAcceptEachOther() {
    assertThat(goHostRun.exitStatus()).as("mtls-probe: Go host → Java plugin, a health check over mTLS: %s", goHostRun)
        .isZero();
    assertThat(goHost.certificate()).as("the certificate go-plugin gave the plugin in PLUGIN_CLIENT_CERT").isNotNull();
  }

  @Test
  @DisplayName("a go-plugin plugin accepts the Java host's certificate, and the Java host the Go plugin's")
  void javaHostAndGoPluginAcceptEachOther() {
    assertThat(javaHostGot).as("get after put, Java host → Go plugin over mTLS").isEqualTo("world"
        + Language.GO.kvSignature());
  }

  @ParameterizedTest(name = "made by {0}")
  @MethodSource("goCertificates")
  @DisplayName("same version and signature algorithm, ECDSA with SHA-512 without parameters")
  void versionAndSignatureAlgorithm(GoMade go) {
    X509Certificate goCert = go.certificate();

    assertThat(javaCert.getVersion()).as("version").isEqualTo(goCert.getVersion()).isEqualTo(3);
    assertThat(javaCert.getSigAlgOID()).as("signature algorithm").isEqualTo(goCert.getSigAlgOID())
        .isEqualTo("1.2.840.10045.4.3.4");
    assertThat(hex(tbs(javaCert).get(2))).as("the signature AlgorithmIdentifier's bytes")
        .isEqualTo(hex(tbs(goCert).get(2)));
  }

  @ParameterizedTest(name = "made by {0}")
  @MethodSource("goCertificates")
  @DisplayName("same serial shape: positive, at most 128 bits (go-plugin draws it below 2^128)")
  void serial(GoMade go) {
    for (X509Certificate cert : List.of(javaCert, go.certificate())) {
      assertThat(cert.getSerialNumber()).as("serial of %s", cert.getSubjectX500Principal()).isNotNegative();
      assertThat(cert.getSerialNumber().bitLength()).as("serial bits").isLessThanOrEqualTo(128);
    }
  }

  @ParameterizedTest(name = "made by {0}")
  @MethodSource("goCertificates")
  @DisplayName("same subject and issuer, byte for byte: O=HashiCorp then CN=localhost, as PrintableStrings")
  void subjectAndIssuer(GoMade go) {
    X509Certificate goCert = go.certificate();

    assertThat(hex(javaCert.getSubjectX500Principal().getEncoded())).as("subject")
        .isEqualTo(hex(goCert.getSubjectX500Principal().getEncoded()));
    assertThat(hex(javaCert.getIssuerX500Principal().getEncoded())).as("issuer")
        .isEqualTo(hex(goCert.getIssuerX500Principal().getEncoded()));
    assertThat(goCert.getSubjectX500Principal().getName()).as("go-plugin's subject, last RDN first")
        .isEqualTo("CN=localhost,O=HashiCorp");
  }

  @ParameterizedTest(name = "made by {0}")
  @MethodSource("goCertificates")
  @DisplayName("same validity: from 30 s before it was made for 262980 hours, a UTCTime then a GeneralizedTime")
  void validity(GoMade go) {
    X509Certificate goCert = go.certificate();
    Instant goNotBefore = goCert.getNotBefore().toInstant();

    assertThat(goNotBefore).as("go-plugin's not-before: 30 s before it was made, to the second")
        .isBetween(go.notBefore().minusSeconds(31), go.notAfter().minusSeconds(30));
    // Go reads the clock once for each end, so its validity may be one second longer than the Java one.
    assertThat(Duration.between(goNotBefore, goCert.getNotAfter().toInstant())).as("go-plugin's validity")
        .isBetween(VALIDITY, VALIDITY.plusSeconds(1));
    assertThat(Duration.between(javaCert.getNotBefore().toInstant(), javaCert.getNotAfter().toInstant()))
        .as("the Java validity").isEqualTo(VALIDITY);
    assertThat(timeTags(javaCert)).as("time types, not before and not after").isEqualTo(timeTags(goCert))
        .containsExactly("UTCTime", "GeneralizedTime");
  }

  @ParameterizedTest(name = "made by {0}")
  @MethodSource("goCertificates")
  @DisplayName("same key algorithm and curve: an EC key on P-521 (secp521r1), an uncompressed point")
  void keyAlgorithmAndCurve(GoMade go) {
    X509Certificate goCert = go.certificate();
    List<byte[]> javaKey = DerElements.children(tbs(javaCert).get(6));
    List<byte[]> goKey = DerElements.children(tbs(goCert).get(6));

    assertThat(hex(javaKey.get(0))).as("the key's AlgorithmIdentifier: id-ecPublicKey, secp521r1")
        .isEqualTo(hex(goKey.get(0))).isEqualTo("301006072A8648CE3D020106052B81040023");
    assertThat(DerElements.contents(javaKey.get(1))).as("BIT STRING: 0 unused bits, 0x04 and 2 × 66 bytes")
        .hasSameSizeAs(DerElements.contents(goKey.get(1))).hasSize(134).startsWith(0, 4);
    assertThat(((ECPublicKey) goCert.getPublicKey()).getParams().getCurve().getField().getFieldSize())
        .as("go-plugin's curve bits").isEqualTo(521);
  }

  @ParameterizedTest(name = "made by {0}")
  @MethodSource("goCertificates")
  @DisplayName("same key usages: digitalSignature, keyEncipherment, keyAgreement, keyCertSign")
  void keyUsage(GoMade go) {
    assertThat(javaCert.getKeyUsage()).as("key usage bits").isEqualTo(go.certificate().getKeyUsage())
        .containsExactly(true, false, true, false, true, true, false, false, false);
  }

  @ParameterizedTest(name = "made by {0}")
  @MethodSource("goCertificates")
  @DisplayName("same extended key usages, in the same order: client auth, server auth")
  void extendedKeyUsage(GoMade go) throws Exception {
    assertThat(javaCert.getExtendedKeyUsage()).as("extended key usages")
        .isEqualTo(go.certificate().getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.2", "1.3.6.1.5.5.7.3.1");
  }

  @ParameterizedTest(name = "made by {0}")
  @MethodSource("goCertificates")
  @DisplayName("same subject alternative names: the DNS name localhost alone")
  void subjectAlternativeNames(GoMade go) throws Exception {
    assertThat(javaCert.getSubjectAlternativeNames()).as("SANs")
        .containsExactlyElementsOf(go.certificate().getSubjectAlternativeNames())
        .containsExactly(List.of(2, "localhost"));
  }

  @ParameterizedTest(name = "made by {0}")
  @MethodSource("goCertificates")
  @DisplayName("same basic constraints: a CA with no path length limit")
  void basicConstraints(GoMade go) {
    assertThat(javaCert.getBasicConstraints()).as("path length (MAX_VALUE: a CA without a limit)")
        .isEqualTo(go.certificate().getBasicConstraints()).isEqualTo(Integer.MAX_VALUE);
  }

  @ParameterizedTest(name = "made by {0}")
  @MethodSource("goCertificates")
  @DisplayName("same extensions in the same order, each as critical and with the same bytes (but the key's own id)")
  void extensions(GoMade go) {
    assertThat(extensions(javaCert)).as("extensions in order: name, criticality, value")
        .isEqualTo(extensions(go.certificate()))
        .containsExactly("key usage, critical: 030202AC",
            "extended key usage: 301406082B0601050507030206082B06010505070301",
            "basic constraints, critical: 30030101FF",
            "subject key id: a 20-byte id",
            "subject alternative name: 300B82096C6F63616C686F7374");
  }

  @ParameterizedTest(name = "made by {0}")
  @MethodSource("goCertificates")
  @DisplayName("each has a subject key id hashed from its own key: SHA-256 in Java as in Go 1.25+, SHA-1 in older Go")
  void subjectKeyId(GoMade go) throws Exception {
    assertThat(keyIdHash(javaCert)).as("how the Java key id was made").isEqualTo("SHA-256");
    assertThat(keyIdHash(go.certificate())).as("how go-plugin's key id was made, by the module's Go version")
        .isIn("SHA-1", "SHA-256");
  }

  private static List<byte[]> tbs(X509Certificate cert) {
    try {
      return DerElements.children(cert.getTBSCertificate());
    } catch (java.security.cert.CertificateEncodingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static List<String> timeTags(X509Certificate cert) {
    return DerElements.children(tbs(cert).get(4)).stream()
        .map(time -> switch (DerElements.tag(time)) {
          case 0x17 -> "UTCTime";
          case 0x18 -> "GeneralizedTime";
          default -> "tag " + DerElements.tag(time);
        }).toList();
  }

  /** Each extension as "name[, critical]: value", the key id by its length only since it is the key's own. */
  private static List<String> extensions(X509Certificate cert) {
    byte[] explicit = tbs(cert).get(7);
    List<String> described = new ArrayList<>();
    for (byte[] extension : DerElements.children(DerElements.children(explicit).get(0))) {
      List<byte[]> parts = DerElements.children(extension);
      String oid = hex(parts.get(0));
      boolean critical = parts.size() == 3 && hex(parts.get(1)).equals("0101FF");
      byte[] value = DerElements.contents(parts.get(parts.size() - 1));
      described.add(EXTENSION_NAMES.getOrDefault(oid, oid) + (critical ? ", critical" : "") + ": "
          + (oid.equals(SUBJECT_KEY_ID) ? "a " + DerElements.contents(value).length + "-byte id" : hex(value)));
    }
    return described;
  }

  /** Which of Go's two methods made the key id: SHA-1 (RFC 5280) or the first 160 bits of SHA-256 (RFC 7093). */
  private static String keyIdHash(X509Certificate cert) throws Exception {
    byte[] point = Arrays.copyOfRange(DerElements.contents(DerElements.children(tbs(cert).get(6)).get(1)), 1, 134);
    byte[] id = DerElements.contents(DerElements.contents(cert.getExtensionValue("2.5.29.14")));
    for (String hash : List.of("SHA-1", "SHA-256")) {
      if (Arrays.equals(id, Arrays.copyOf(MessageDigest.getInstance(hash).digest(point), 20))) {
        return hash;
      }
    }
    return "neither SHA-1 nor SHA-256 of the key: " + hex(id);
  }

  private static String hex(byte[] bytes) {
    return HexFormat.of().withUpperCase().formatHex(bytes);
  }
}
