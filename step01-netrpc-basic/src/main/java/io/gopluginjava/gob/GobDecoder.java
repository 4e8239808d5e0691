package io.gopluginjava.gob;

import io.gopluginjava.gob.GobType.ArrayOf;
import io.gopluginjava.gob.GobType.Field;
import io.gopluginjava.gob.GobType.MapOf;
import io.gopluginjava.gob.GobType.Opaque;
import io.gopluginjava.gob.GobType.SliceOf;
import io.gopluginjava.gob.GobType.StructOf;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads gob messages, as Go's {@code gob.Decoder} does, into the Java values listed on {@link GobType}: type
 * definitions are remembered per stream and struct fields are named as the sender's definition names them. Everything a
 * peer sends is bounded by {@link GobLimits}; malformed input is a {@link GobException} saying what was expected.
 */
public final class GobDecoder {

  private static final int FIRST_USER_ID = 64;
  private static final int MAX_NAME = 1024;

  private final InputStream in;
  private final GobLimits limits;
  private final Map<Integer, WireDef> definitions = new HashMap<>();
  private final Map<Integer, GobType> types = new HashMap<>();
  private byte[] buf = new byte[0];
  private int pos;
  private int depth;

  public GobDecoder(InputStream in) {
    this(in, GobLimits.DEFAULT);
  }

  public GobDecoder(InputStream in, GobLimits limits) {
    this.in = in;
    this.limits = limits;
  }

  /** The next value on the stream; {@link EOFException} when the stream ends cleanly between values. */
  public Object decode() throws IOException {
    int id = typeSequence(false);
    depth = 0;
    return topLevel(id);
  }

  /** A definition the stream sent: one of the kinds of gob's wireType. */
  private record WireDef(String kind, String name, int elem, int key, int length, List<String> fieldNames,
      List<Integer> fieldIds) {
  }

  private int typeSequence(boolean inInterface) throws IOException {
    boolean first = true;
    while (true) {
      if (pos == buf.length) {
        receiveMessage(first && !inInterface);
      }
      long id = readInt();
      if (id >= 0) {
        if (id > Integer.MAX_VALUE) {
          throw new GobException("type id " + id + " is out of range");
        }
        return (int) id;
      }
      if (-id > Integer.MAX_VALUE) {
        throw new GobException("type id " + id + " is out of range");
      }
      define((int) -id);
      if (pos < buf.length) {
        if (!inInterface) {
          throw new GobException((buf.length - pos) + " bytes follow a type definition in its message");
        }
        readUint(); // the byte count of the interface value that follows
      }
      first = false;
    }
  }

  private void receiveMessage(boolean cleanEndAllowed) throws IOException {
    int first = in.read();
    if (first < 0) {
      if (cleanEndAllowed) {
        throw new EOFException("the gob stream ended");
      }
      throw new GobException("the gob stream ended after a type definition, before the value it was sent for");
    }
    long count;
    if (first < 128) {
      count = first;
    } else {
      int n = -(byte) first;
      if (n > 8) {
        throw new GobException("a message count of " + n + " bytes (at most 8)");
      }
      byte[] bytes = readFully(n);
      count = 0;
      for (byte b : bytes) {
        count = (count << 8) | (b & 0xff);
      }
    }
    if (count < 0 || count > limits.maxMessageBytes()) {
      throw new GobException("a message of " + Long.toUnsignedString(count) + " bytes, more than the "
          + limits.maxMessageBytes() + " allowed");
    }
    if (count == 0) {
      throw new GobException("an empty message: every message holds at least a type id");
    }
    buf = readFully((int) count);
    pos = 0;
  }

  private byte[] readFully(int n) throws IOException {
    byte[] bytes = in.readNBytes(n);
    if (bytes.length < n) {
      throw new GobException("the gob stream ended inside a message (" + bytes.length + " of " + n + " bytes)");
    }
    return bytes;
  }

  private void define(int id) throws IOException {
    if (id < FIRST_USER_ID) {
      throw new GobException("a definition of type id " + id + ", which is built in (user types start at "
          + FIRST_USER_ID + ")");
    }
    if (definitions.containsKey(id)) {
      throw new GobException("a second definition of type id " + id);
    }
    if (definitions.size() >= limits.maxTypes()) {
      throw new GobException("more than " + limits.maxTypes() + " type definitions on one stream");
    }
    WireDef[] def = new WireDef[1];
    readStruct("wireType", 7, field -> {
      def[0] = switch (field) {
        case 0 -> readComposite("array");
        case 1 -> readComposite("slice");
        case 2 -> readComposite("struct");
        case 3 -> readComposite("map");
        default -> readComposite("opaque");
      };
    });
    if (def[0] == null) {
      throw new GobException("the definition of type id " + id + " sets no kind of type");
    }
    definitions.put(id, def[0]);
  }

  private interface FieldReader {
    void read(int field) throws IOException;
  }

  /** A struct of known layout (gob's own types): fields by delta until 0. */
  private void readStruct(String what, int fieldCount, FieldReader reader) throws IOException {
    enter();
    int field = -1;
    while (true) {
      long delta = readUint();
      if (delta == 0) {
        break;
      }
      if (delta < 0 || field + delta >= fieldCount) {
        throw new GobException("field " + (field + delta) + " of " + what + ", which has " + fieldCount + " fields");
      }
      field += (int) delta;
      reader.read(field);
    }
    depth--;
  }

  private WireDef readComposite(String kind) throws IOException {
    String[] name = {""};
    int[] ints = new int[3]; // elem, key, length
    List<String> fieldNames = new ArrayList<>();
    List<Integer> fieldIds = new ArrayList<>();
    int fieldCount = switch (kind) {
      case "array", "map" -> 3;
      case "opaque" -> 1;
      default -> 2;
    };
    readStruct(kind + "Type", fieldCount, field -> {
      if (field == 0) {
        readStruct("CommonType", 2, common -> {
          if (common == 0) {
            name[0] = readString();
          } else {
            readInt();
          }
        });
      } else if (kind.equals("struct")) {
        long count = readCount();
        for (long i = 0; i < count; i++) {
          String[] fieldName = {""};
          int[] fieldId = {0};
          readStruct("fieldType", 2, f -> {
            if (f == 0) {
              fieldName[0] = readString();
            } else {
              fieldId[0] = readTypeId();
            }
          });
          if (fieldNames.contains(fieldName[0])) {
            throw new GobException("struct " + name[0] + " names field \"" + fieldName[0] + "\" twice");
          }
          fieldNames.add(fieldName[0]);
          fieldIds.add(fieldId[0]);
        }
      } else if (kind.equals("map")) {
        ints[field == 1 ? 1 : 0] = readTypeId();
      } else if (field == 1) {
        ints[0] = readTypeId();
      } else {
        long length = readInt();
        if (length < 0 || length > limits.maxMessageBytes()) {
          throw new GobException("an array length of " + length);
        }
        ints[2] = (int) length;
      }
    });
    return new WireDef(kind, name[0], ints[0], ints[1], ints[2], fieldNames, fieldIds);
  }

  private int readTypeId() throws IOException {
    long id = readInt();
    if (id <= 0 || id > Integer.MAX_VALUE) {
      throw new GobException("type id " + id + " in a type definition");
    }
    return (int) id;
  }

  /** The Java view of a type id: built in, or as the stream defined it. */
  GobType typeOf(int id) throws IOException {
    if (id >= 1 && id <= GobType.BASICS.size()) {
      return GobType.BASICS.get(id - 1);
    }
    GobType known = types.get(id);
    if (known != null) {
      return known;
    }
    WireDef def = definition(id);
    enter();
    GobType type = switch (def.kind()) {
      case "array" -> new ArrayOf(typeOf(def.elem()), def.length());
      case "slice" -> new SliceOf(typeOf(def.elem()));
      case "map" -> new MapOf(typeOf(def.key()), typeOf(def.elem()));
      case "struct" -> {
        List<Field> fields = new ArrayList<>();
        for (int i = 0; i < def.fieldNames().size(); i++) {
          fields.add(new Field(def.fieldNames().get(i), typeOf(def.fieldIds().get(i))));
        }
        yield new StructOf(def.name(), fields);
      }
      default -> new Opaque(def.name());
    };
    depth--;
    types.put(id, type);
    return type;
  }

  private WireDef definition(int id) throws GobException {
    WireDef def = definitions.get(id);
    if (def == null) {
      throw new GobException("a value of type id " + id + ", which this stream never defined");
    }
    return def;
  }

  private Object topLevel(int id) throws IOException {
    if (id > GobType.BASICS.size() && definition(id).kind().equals("struct")) {
      return value(id);
    }
    long delta = readUint();
    if (delta != 0) {
      throw new GobException("a non-struct value must start with field delta 0, got " + delta);
    }
    return value(id);
  }

  private Object value(int id) throws IOException {
    enter();
    Object value = switch (id) {
      case 1 -> readBool();
      case 2 -> readInt();
      case 3 -> readUint();
      case 4 -> readFloat();
      case 5 -> readCounted();
      case 6 -> new String(readCounted(), StandardCharsets.UTF_8);
      case 7 -> new double[] {readFloat(), readFloat()};
      case 8 -> readInterface();
      default -> composite(id);
    };
    depth--;
    return value;
  }

  private Object composite(int id) throws IOException {
    WireDef def = definition(id);
    switch (def.kind()) {
      case "array", "slice" -> {
        long count = readCount();
        if (def.kind().equals("array") && count != def.length()) {
          throw new GobException("an array of " + def.length() + " elements arrived with " + count);
        }
        List<Object> list = new ArrayList<>();
        for (long i = 0; i < count; i++) {
          list.add(value(def.elem()));
        }
        return list;
      }
      case "map" -> {
        long count = readCount();
        Map<Object, Object> map = new LinkedHashMap<>();
        for (long i = 0; i < count; i++) {
          Object key = value(def.key());
          map.put(key, value(def.elem()));
        }
        return map;
      }
      case "struct" -> {
        Map<String, Object> fields = new LinkedHashMap<>();
        int n = def.fieldNames().size();
        String name = def.name().isEmpty() ? "struct (type id " + id + ")" : def.name();
        readStruct(name, n, field -> fields.put(def.fieldNames().get(field), value(def.fieldIds().get(field))));
        return new GobStruct((StructOf) typeOf(id), fields);
      }
      default -> {
        return readCounted();
      }
    }
  }

  private GobInterface readInterface() throws IOException {
    long length = readCount();
    if (length == 0) {
      return null;
    }
    if (length > MAX_NAME) {
      throw new GobException("an interface type name of " + length + " bytes (at most " + MAX_NAME + ")");
    }
    String name = new String(take((int) length), StandardCharsets.UTF_8);
    int id = typeSequence(true);
    readCount(); // the value's byte count, there for decoders that skip it
    Object value = topLevel(id);
    return new GobInterface(name, typeOf(id), value);
  }

  private void enter() throws GobException {
    if (++depth > limits.maxDepth()) {
      throw new GobException("values or types nested more than " + limits.maxDepth() + " deep");
    }
  }

  private boolean readBool() throws IOException {
    long u = readUint();
    if (u > 1) {
      throw new GobException("a bool must be 0 or 1, got " + Long.toUnsignedString(u));
    }
    return u == 1;
  }

  private double readFloat() throws IOException {
    return Double.longBitsToDouble(Long.reverseBytes(readUint()));
  }

  /** A count that cannot be more than the bytes left: every element takes at least one. */
  private long readCount() throws IOException {
    long count = readUint();
    if (count < 0 || count > buf.length - pos) {
      throw new GobException("a count of " + Long.toUnsignedString(count) + " with only " + (buf.length - pos)
          + " bytes left in the message");
    }
    return count;
  }

  private byte[] readCounted() throws IOException {
    return take((int) readCount());
  }

  private String readString() throws IOException {
    return new String(readCounted(), StandardCharsets.UTF_8);
  }

  private byte[] take(int n) throws GobException {
    if (n > buf.length - pos) {
      throw new GobException("the message ended: " + n + " bytes needed, " + (buf.length - pos) + " left");
    }
    byte[] bytes = new byte[n];
    System.arraycopy(buf, pos, bytes, 0, n);
    pos += n;
    return bytes;
  }

  long readUint() throws GobException {
    if (pos >= buf.length) {
      throw new GobException("the message ended where a number was expected");
    }
    int first = buf[pos++];
    if (first >= 0) {
      return first;
    }
    int n = -first;
    if (n > 8) {
      throw new GobException("a number of " + n + " bytes (at most 8)");
    }
    long u = 0;
    for (byte b : take(n)) {
      u = (u << 8) | (b & 0xff);
    }
    return u;
  }

  private long readInt() throws GobException {
    long u = readUint();
    return (u & 1) != 0 ? ~(u >>> 1) : u >>> 1;
  }
}
