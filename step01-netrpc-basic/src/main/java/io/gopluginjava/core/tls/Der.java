package io.gopluginjava.core.tls;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * Writes the few ASN.1 DER values an X.509 certificate is made of (ITU-T X.690), each as its complete
 * tag-length-value bytes. It exists so that AutoMTLS needs no BouncyCastle, whose class loading alone cost a plugin
 * about half a second of its start.
 */
final class Der {

  static final int INTEGER = 0x02;
  static final int BIT_STRING = 0x03;
  static final int OCTET_STRING = 0x04;
  static final int OBJECT_IDENTIFIER = 0x06;
  static final int PRINTABLE_STRING = 0x13;
  static final int UTC_TIME = 0x17;
  static final int GENERALIZED_TIME = 0x18;
  static final int SEQUENCE = 0x30;
  static final int SET = 0x31;
  private static final int BOOLEAN = 0x01;
  private static final int CONTEXT_SPECIFIC = 0x80;
  private static final int CONSTRUCTED = 0x20;

  private Der() {}

  /** Any value: the tag, the length (short form below 128, else 0x8N and N big-endian bytes), the contents. */
  static byte[] tlv(int tag, byte[] contents) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(contents.length + 6);
    out.write(tag);
    int length = contents.length;
    if (length < 0x80) {
      out.write(length);
    } else {
      int octets = (Integer.SIZE - Integer.numberOfLeadingZeros(length) + 7) / 8;
      out.write(0x80 | octets);
      for (int shift = (octets - 1) * 8; shift >= 0; shift -= 8) {
        out.write(length >>> shift);
      }
    }
    out.writeBytes(contents);
    return out.toByteArray();
  }

  static byte[] sequence(byte[]... elements) {
    return tlv(SEQUENCE, concat(elements));
  }

  static byte[] set(byte[]... elements) {
    return tlv(SET, concat(elements));
  }

  /** Two's complement in the fewest bytes: a leading 0x00 when the top bit of a positive number is set. */
  static byte[] integer(BigInteger value) {
    return tlv(INTEGER, value.toByteArray());
  }

  static byte[] integer(long value) {
    return integer(BigInteger.valueOf(value));
  }

  /** DER's TRUE is 0xFF (BER would take any non-zero byte). */
  static byte[] bool(boolean value) {
    return tlv(BOOLEAN, new byte[] {(byte) (value ? 0xFF : 0x00)});
  }

  /**
   * An object identifier in dotted form: the first two arcs as one number {@code 40 * first + second}, then every arc
   * in base 128, high groups first, each byte but the last with its top bit set.
   */
  static byte[] oid(String dotted) {
    String[] parts = dotted.split("\\.", -1);
    if (parts.length < 2) {
      throw new IllegalArgumentException("an object identifier needs at least two arcs, like 2.5.4.3; got \"" + dotted
          + "\"");
    }
    long[] arcs = new long[parts.length];
    for (int i = 0; i < parts.length; i++) {
      try {
        arcs[i] = Long.parseLong(parts[i]);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("an object identifier is dot-separated decimal numbers, like 2.5.4.3; got \""
            + dotted + "\"", e);
      }
      if (arcs[i] < 0) {
        throw new IllegalArgumentException("object identifier arcs are not negative; got \"" + dotted + "\"");
      }
    }
    if (arcs[0] > 2 || (arcs[0] < 2 && arcs[1] > 39)) {
      throw new IllegalArgumentException("an object identifier starts with 0, 1 or 2, and then below 40 unless it "
          + "starts with 2; got \"" + dotted + "\"");
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    writeBase128(out, arcs[0] * 40 + arcs[1]);
    for (int i = 2; i < arcs.length; i++) {
      writeBase128(out, arcs[i]);
    }
    return tlv(OBJECT_IDENTIFIER, out.toByteArray());
  }

  private static void writeBase128(ByteArrayOutputStream out, long arc) {
    int groups = Math.max(1, (Long.SIZE - Long.numberOfLeadingZeros(arc) + 6) / 7);
    for (int group = groups - 1; group >= 0; group--) {
      int bits = (int) (arc >>> (group * 7)) & 0x7F;
      out.write(group == 0 ? bits : bits | 0x80);
    }
  }

  /** A BIT STRING of whole bytes, such as a public key or a signature: 0 unused bits, then the bytes. */
  static byte[] bitString(byte[] bytes) {
    return tlv(BIT_STRING, concat(new byte[] {0}, bytes));
  }

  /**
   * A named-bit BIT STRING such as key usage: bit 0 is the top bit of the first byte, and DER drops trailing zero
   * bits, so the string ends at the highest bit set and its first byte says how many bits of the last are unused.
   */
  static byte[] namedBits(int... bits) {
    int highest = -1;
    for (int bit : bits) {
      if (bit < 0) {
        throw new IllegalArgumentException("bit numbers start at 0; got " + bit);
      }
      highest = Math.max(highest, bit);
    }
    if (highest < 0) {
      return tlv(BIT_STRING, new byte[] {0});
    }
    byte[] contents = new byte[1 + highest / 8 + 1];
    contents[0] = (byte) (7 - highest % 8);
    for (int bit : bits) {
      contents[1 + bit / 8] |= (byte) (0x80 >>> (bit % 8));
    }
    return tlv(BIT_STRING, contents);
  }

  static byte[] octetString(byte[] bytes) {
    return tlv(OCTET_STRING, bytes);
  }

  /** The character set X.520 names use when they can: letters, digits, space and {@code '()+,-./:=?}. */
  static byte[] printableString(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      boolean printable = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
          || " '()+,-./:=?".indexOf(c) >= 0;
      if (!printable) {
        throw new IllegalArgumentException("a PrintableString has letters, digits, space and '()+,-./:=? only; \""
            + text + "\" has '" + c + "' at " + i);
      }
    }
    return tlv(PRINTABLE_STRING, text.getBytes(StandardCharsets.US_ASCII));
  }

  /**
   * A certificate time as RFC 5280 4.1.2.5 and Go's encoding/asn1 write it, to the second in UTC: UTCTime
   * {@code YYMMDDHHMMSSZ} for the years 1950 to 2049, GeneralizedTime {@code YYYYMMDDHHMMSSZ} otherwise. go-plugin's
   * certificates, valid for 30 years, end in a GeneralizedTime.
   */
  static byte[] time(Instant instant) {
    LocalDateTime t = LocalDateTime.ofEpochSecond(instant.getEpochSecond(), 0, ZoneOffset.UTC);
    int year = t.getYear();
    if (year < 0 || year > 9999) {
      throw new IllegalArgumentException("a certificate time has a four-digit year; got " + instant);
    }
    boolean utc = year >= 1950 && year < 2050;
    StringBuilder text = new StringBuilder(15);
    if (utc) {
      twoDigits(text, year % 100);
    } else {
      twoDigits(text, year / 100);
      twoDigits(text, year % 100);
    }
    twoDigits(text, t.getMonthValue());
    twoDigits(text, t.getDayOfMonth());
    twoDigits(text, t.getHour());
    twoDigits(text, t.getMinute());
    twoDigits(text, t.getSecond());
    text.append('Z');
    return tlv(utc ? UTC_TIME : GENERALIZED_TIME, text.toString().getBytes(StandardCharsets.US_ASCII));
  }

  private static void twoDigits(StringBuilder text, int value) {
    text.append((char) ('0' + value / 10)).append((char) ('0' + value % 10));
  }

  /** {@code [n] EXPLICIT}: the value wrapped whole in a constructed context-specific tag, like a certificate's version. */
  static byte[] explicit(int tagNumber, byte[] value) {
    return tlv(CONTEXT_SPECIFIC | CONSTRUCTED | lowTagNumber(tagNumber), value);
  }

  /** {@code [n] IMPLICIT} of a primitive value: its contents under a context-specific tag, like a SAN's dNSName [2]. */
  static byte[] implicitPrimitive(int tagNumber, byte[] contents) {
    return tlv(CONTEXT_SPECIFIC | lowTagNumber(tagNumber), contents);
  }

  /** Tag numbers 0 to 30 fit in the tag byte; larger ones need a multi-byte form a certificate never uses. */
  private static int lowTagNumber(int tagNumber) {
    if (tagNumber < 0 || tagNumber > 30) {
      throw new IllegalArgumentException("context-specific tag numbers here are 0 to 30; got " + tagNumber);
    }
    return tagNumber;
  }

  static byte[] concat(byte[]... parts) {
    int length = 0;
    for (byte[] part : parts) {
      length += part.length;
    }
    byte[] all = new byte[length];
    int at = 0;
    for (byte[] part : parts) {
      System.arraycopy(part, 0, all, at, part.length);
      at += part.length;
    }
    return all;
  }
}
