package io.gopluginjava.core.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import org.ietf.jgss.Oid;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The DER encodings a certificate is made of, against X.690's rules and values worked out by hand. */
@DisplayName("Der")
class DerTest {

  private static String hex(byte[] bytes) {
    return HexFormat.of().withUpperCase().formatHex(bytes);
  }

  private static byte[] bytes(String hex) {
    return HexFormat.of().parseHex(hex);
  }

  @ParameterizedTest(name = "{0} bytes → length {1}")
  @CsvSource({"0, 00", "127, 7F", "128, 8180", "255, 81FF", "256, 820100", "65535, 82FFFF", "65536, 83010000"})
  @DisplayName("a length below 128 is one byte; from 128 on it is 0x8N and N big-endian bytes, no leading zero")
  void lengths(int length, String encoded) {
    byte[] tlv = Der.tlv(Der.OCTET_STRING, new byte[length]);

    assertThat(hex(tlv)).as("tag and length of %s content bytes", length).startsWith("04" + encoded);
    assertThat(tlv).as("the whole value").hasSize(1 + encoded.length() / 2 + length);
  }

  @ParameterizedTest(name = "{0} → {1}")
  @CsvSource({"0, 020100", "127, 02017F", "128, 02020080", "255, 020200FF", "256, 02020100", "-1, 0201FF",
      "-128, 020180", "-129, 0202FF7F"})
  @DisplayName("an INTEGER is two's complement in the fewest bytes: a 0x00 sign byte when a positive one's top bit is set")
  void integers(long value, String encoded) {
    assertThat(hex(Der.integer(value))).as("INTEGER %s", value).isEqualTo(encoded);
  }

  @Test
  @DisplayName("a 128-bit serial with its top bit set takes 17 content bytes, so it stays positive")
  void serialWithTopBitSet() {
    BigInteger serial = BigInteger.ONE.shiftLeft(128).subtract(BigInteger.ONE);

    assertThat(hex(Der.integer(serial))).as("INTEGER 2^128 - 1").isEqualTo("021100" + "FF".repeat(16));
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"2.5.29.15", "2.5.4.3", "1.2.840.10045.4.3.4", "1.2.840.10045.2.1", "1.3.132.0.35",
      "1.3.6.1.5.5.7.3.1", "2.999.3", "1.2.4294967296", "0.39"})
  @DisplayName("an OBJECT IDENTIFIER matches the JDK's own encoder: 40 × first + second, then base 128 per arc")
  void oidsMatchTheJdk(String dotted) throws Exception {
    assertThat(hex(Der.oid(dotted))).as("OID %s", dotted).isEqualTo(hex(new Oid(dotted).getDER()));
  }

  @Test
  @DisplayName("OBJECT IDENTIFIERs worked out by hand: key usage, ecdsa-with-SHA512, and 2.999.3 from X.690")
  void oidsByHand() {
    assertThat(hex(Der.oid("2.5.29.15"))).as("key usage").isEqualTo("0603551D0F");
    assertThat(hex(Der.oid("1.2.840.10045.4.3.4"))).as("ecdsa-with-SHA512").isEqualTo("06082A8648CE3D040304");
    assertThat(hex(Der.oid("2.999.3"))).as("X.690's example, first two arcs over 127").isEqualTo("0603883703");
  }

  @ParameterizedTest(name = "\"{0}\"")
  @ValueSource(strings = {"", "1", "3.1", "1.40", "1..2", "1.2.x", "1.-2", "1.2."})
  @DisplayName("a malformed OBJECT IDENTIFIER is refused with the text that arrived")
  void malformedOidsAreRefused(String dotted) {
    assertThatIllegalArgumentException().isThrownBy(() -> Der.oid(dotted))
        .withMessageContaining("object identifier").withMessageContaining("\"" + dotted + "\"");
  }

  @Test
  @DisplayName("a BIT STRING of whole bytes starts with 0 unused bits")
  void bitStringOfBytes() {
    assertThat(hex(Der.bitString(bytes("0102")))).as("BIT STRING 01 02").isEqualTo("0303000102");
  }

  @ParameterizedTest(name = "bits {0} → {1}")
  @CsvSource(delimiter = ';', value = {"0,2,4,5; 030202AC", "0; 03020780", "7; 03020001", "8; 0303070080",
      "5,0; 03020284"})
  @DisplayName("a named-bit BIT STRING ends at its highest bit and counts the unused bits of its last byte")
  void namedBits(String bits, String encoded) {
    int[] numbers = Arrays.stream(bits.split(",")).mapToInt(Integer::parseInt).toArray();

    assertThat(hex(Der.namedBits(numbers))).as("bits %s", bits).isEqualTo(encoded);
  }

  @Test
  @DisplayName("go-plugin's key usage is digitalSignature, keyEncipherment, keyAgreement, keyCertSign: 03 02 02 AC")
  void goPluginKeyUsage() {
    assertThat(hex(Der.namedBits(CertificateTemplate.KEY_USAGE_BITS))).as("key usage").isEqualTo("030202AC");
  }

  @Test
  @DisplayName("no named bits is an empty BIT STRING")
  void noNamedBits() {
    assertThat(hex(Der.namedBits())).as("empty").isEqualTo("030100");
  }

  @ParameterizedTest(name = "{0} → {1}")
  @CsvSource({
      "2026-12-01T15:21:47Z, 17, 261201152147Z",
      "2026-12-01T15:21:47.999999Z, 17, 261201152147Z",
      "2049-12-31T23:59:59Z, 17, 491231235959Z",
      "2050-01-01T00:00:00Z, 18, 20500101000000Z",
      "2056-12-01T03:22:17Z, 18, 20561201032217Z",
      "1950-01-01T00:00:00Z, 17, 500101000000Z",
      "1949-12-31T23:59:59Z, 18, 19491231235959Z"})
  @DisplayName("a time is UTCTime from 1950 to 2049 and GeneralizedTime otherwise, to the second, as Go writes it")
  void times(String instant, String tag, String text) {
    byte[] encoded = Der.time(Instant.parse(instant));

    assertThat(hex(encoded)).as("tag and length of %s", instant)
        .startsWith(tag + String.format("%02X", text.length()));
    assertThat(new String(encoded, 2, encoded.length - 2, StandardCharsets.US_ASCII)).as("text of %s", instant)
        .isEqualTo(text);
  }

  @Test
  @DisplayName("TRUE is 0xFF, the only true byte DER allows")
  void booleanTrue() {
    assertThat(hex(Der.bool(true))).as("TRUE").isEqualTo("0101FF");
  }

  @Test
  @DisplayName("EXPLICIT wraps the whole value in a constructed tag, IMPLICIT puts the contents under a primitive one")
  void contextTags() {
    assertThat(hex(Der.explicit(0, Der.integer(2)))).as("[0] EXPLICIT INTEGER 2, a certificate's version")
        .isEqualTo("A003020102");
    assertThat(hex(Der.implicitPrimitive(2, "localhost".getBytes(StandardCharsets.US_ASCII))))
        .as("[2] IMPLICIT IA5String, a SAN's dNSName").isEqualTo("82096C6F63616C686F7374");
    assertThatIllegalArgumentException().isThrownBy(() -> Der.explicit(31, new byte[0]))
        .withMessageContaining("0 to 30").withMessageContaining("31");
  }

  @Test
  @DisplayName("SEQUENCE and SET hold their elements in the order given")
  void sequenceAndSet() {
    assertThat(hex(Der.sequence(Der.integer(1), Der.bool(true)))).as("SEQUENCE").isEqualTo("30060201010101FF");
    assertThat(hex(Der.set(Der.integer(1)))).as("SET").isEqualTo("3103020101");
  }

  @Test
  @DisplayName("a PrintableString takes go-plugin's names and refuses characters outside its set, naming them")
  void printableStrings() {
    assertThat(hex(Der.printableString("HashiCorp"))).as("O=HashiCorp").isEqualTo("13094861736869436F7270");
    assertThatIllegalArgumentException().isThrownBy(() -> Der.printableString("a@b"))
        .withMessageContaining("\"a@b\"").withMessageContaining("'@' at 1");
  }
}
