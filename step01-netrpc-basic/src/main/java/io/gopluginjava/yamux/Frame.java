package io.gopluginjava.yamux;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;

/**
 * One yamux frame header, 12 bytes big-endian: version (always 0), type, flags, stream id, length. For Data the length
 * is the size of the body that follows; for WindowUpdate it is the window increment, for Ping the opaque ping id and
 * for GoAway the reason code (hashicorp/yamux {@code const.go}).
 */
public record Frame(int version, int type, int flags, int streamId, long length) {

  public static final int SIZE = 12;
  public static final int VERSION = 0;

  public static final int DATA = 0;
  public static final int WINDOW_UPDATE = 1;
  public static final int PING = 2;
  public static final int GO_AWAY = 3;

  public static final int SYN = 1;
  public static final int ACK = 2;
  public static final int FIN = 4;
  public static final int RST = 8;

  public static final int GO_AWAY_NORMAL = 0;
  public static final int GO_AWAY_PROTOCOL_ERROR = 1;
  public static final int GO_AWAY_INTERNAL_ERROR = 2;

  public static Frame of(int type, int flags, int streamId, long length) {
    return new Frame(VERSION, type, flags, streamId, length);
  }

  public boolean has(int flag) {
    return (flags & flag) == flag;
  }

  /** The unsigned stream id, for messages. */
  public long stream() {
    return Integer.toUnsignedLong(streamId);
  }

  public byte[] encode() {
    return encode(0).array();
  }

  /** The header followed by room for {@code bodyLength} bytes. */
  ByteBuffer encode(int bodyLength) {
    // workbook:begin yamux-frame-header
    return ByteBuffer.allocate(SIZE + bodyLength)
        .put((byte) version).put((byte) type).putShort((short) flags).putInt(streamId).putInt((int) length);
    // workbook:end
  }

  /** Reads the next header; null on a clean end of input before its first byte. */
  public static Frame read(InputStream in) throws IOException {
    byte[] header = in.readNBytes(SIZE);
    if (header.length == 0) {
      return null;
    }
    if (header.length < SIZE) {
      throw new EOFException("the connection ended inside a yamux frame header (" + header.length + " of "
          + SIZE + " bytes)");
    }
    ByteBuffer b = ByteBuffer.wrap(header);
    return new Frame(b.get() & 0xff, b.get() & 0xff, b.getShort() & 0xffff, b.getInt(),
        Integer.toUnsignedLong(b.getInt()));
  }

  @Override
  public String toString() {
    String[] names = {"Data", "WindowUpdate", "Ping", "GoAway"};
    String name = type < names.length ? names[type] : "type " + type;
    return name + "{version " + version + ", flags " + flags + ", stream " + stream() + ", length " + length + "}";
  }
}
