package io.gopluginjava.step04;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Just enough of a DER reader to take two certificates apart element by element and compare them: the tag of a
 * value, its contents, and the values a SEQUENCE (or any constructed value) holds. Independent of the writer it
 * checks.
 */
final class DerElements {

  private DerElements() {}

  static int tag(byte[] tlv) {
    return tlv[0] & 0xFF;
  }

  /** The contents of one tag-length-value, which must fill {@code tlv} exactly. */
  static byte[] contents(byte[] tlv) {
    int[] header = header(tlv, 0);
    if (header[0] + header[1] != tlv.length) {
      throw new IllegalArgumentException("expected one DER value of " + tlv.length + " bytes; its header says "
          + (header[0] + header[1]));
    }
    return Arrays.copyOfRange(tlv, header[0], tlv.length);
  }

  /** The whole tag-length-values inside a constructed value, in order. */
  static List<byte[]> children(byte[] tlv) {
    byte[] contents = contents(tlv);
    List<byte[]> children = new ArrayList<>();
    int at = 0;
    while (at < contents.length) {
      int[] header = header(contents, at);
      int end = at + header[0] + header[1];
      if (end > contents.length) {
        throw new IllegalArgumentException("a DER value at " + at + " runs past its container's end");
      }
      children.add(Arrays.copyOfRange(contents, at, end));
      at = end;
    }
    return children;
  }

  /** {header length, contents length} of the value starting at {@code at}; single-byte tags only, as X.509 uses. */
  private static int[] header(byte[] der, int at) {
    int first = der[at + 1] & 0xFF;
    if (first < 0x80) {
      return new int[] {2, first};
    }
    int octets = first & 0x7F;
    int length = 0;
    for (int i = 0; i < octets; i++) {
      length = (length << 8) | (der[at + 2 + i] & 0xFF);
    }
    return new int[] {2 + octets, length};
  }
}
