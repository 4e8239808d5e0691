package io.gopluginjava.gob;

import io.gopluginjava.gob.GobType.ArrayOf;
import io.gopluginjava.gob.GobType.Basic;
import io.gopluginjava.gob.GobType.Field;
import io.gopluginjava.gob.GobType.MapOf;
import io.gopluginjava.gob.GobType.Opaque;
import io.gopluginjava.gob.GobType.SliceOf;
import io.gopluginjava.gob.GobType.StructOf;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes gob messages, as Go's {@code gob.Encoder} does: each type is defined once per stream, before its first value,
 * by a message {@code (-id, wireType)}; each value is a message {@code (id, value)}. Not thread-safe: one encoder per
 * stream, one caller at a time.
 */
public final class GobEncoder {

  private static final int FIRST_USER_ID = 64;

  private final OutputStream out;
  private final Map<GobType, Integer> ids = new HashMap<>();
  private final Set<GobType> defined = new HashSet<>();
  private int nextId;
  /** The message being built; {@link #flushMessage} writes it with its byte count. */
  private GobBuffer message = new GobBuffer();

  public GobEncoder(OutputStream out) {
    this(out, FIRST_USER_ID);
  }

  /** Numbers this stream's types from {@code firstId}; Go numbers them per process, so tests can match its bytes. */
  GobEncoder(OutputStream out, int firstId) {
    this.out = out;
    this.nextId = firstId;
    for (Basic basic : GobType.BASICS) {
      ids.put(basic, basic.id());
      defined.add(basic);
    }
  }

  /** Encodes one value of {@code type} (its definition first, if this stream has not seen it) and flushes. */
  public void encode(GobType type, Object value) throws IOException {
    define(type);
    message.writeInt(ids.get(type));
    writeTopLevel(type, value);
    flushMessage();
    out.flush();
  }

  private void writeTopLevel(GobType type, Object value) throws GobException {
    if (type instanceof StructOf struct) {
      writeStruct(struct, value);
    } else {
      message.writeUint(0); // a non-struct travels as the single field of a struct: field delta 0
      writeValue(type, value);
    }
  }

  private void flushMessage() throws IOException {
    GobBuffer count = new GobBuffer();
    count.writeUint(message.size());
    count.writeTo(out);
    message.writeTo(out);
    message = new GobBuffer();
  }

  /**
   * Sends the definitions {@code type} needs. Like Go, the definition goes after whatever the current message holds
   * (inside an interface value: the type's name) and ends that message; inner types follow as messages of their own.
   */
  private void define(GobType type) throws IOException {
    if (!defined.add(type)) {
      return;
    }
    int id = idOf(type);
    message.writeInt(-id);
    writeWireType(type, id);
    flushMessage();
    if (type instanceof StructOf s) {
      for (Field field : s.fields()) {
        define(field.type());
      }
    } else if (type instanceof SliceOf s) {
      define(s.elem());
    } else if (type instanceof ArrayOf a) {
      define(a.elem());
    } else if (type instanceof MapOf m) {
      define(m.key());
      define(m.elem());
    }
  }

  /** The wireType struct of {@code encoding/gob}: one of its fields set, by delta. */
  private void writeWireType(GobType type, int id) throws GobException {
    if (type instanceof ArrayOf a) {
      message.writeUint(1);
      writeCommon("", id);
      message.writeUint(1).writeInt(idOf(a.elem())).writeUint(1).writeInt(a.length());
    } else if (type instanceof SliceOf s) {
      message.writeUint(2);
      writeCommon("", id);
      message.writeUint(1).writeInt(idOf(s.elem()));
    } else if (type instanceof StructOf s) {
      message.writeUint(3);
      writeCommon(s.name(), id);
      if (!s.fields().isEmpty()) {
        message.writeUint(1).writeUint(s.fields().size());
        for (Field field : s.fields()) {
          message.writeUint(1).writeString(field.name()).writeUint(1).writeInt(idOf(field.type())).writeUint(0);
        }
      }
    } else if (type instanceof MapOf m) {
      message.writeUint(4);
      writeCommon("", id);
      message.writeUint(1).writeInt(idOf(m.key())).writeUint(1).writeInt(idOf(m.elem()));
    } else if (type instanceof Opaque o) {
      message.writeUint(5);
      writeCommon(o.name(), id);
    } else {
      throw new IllegalStateException("basic types need no definition: " + type);
    }
    message.writeUint(0).writeUint(0); // end of the inner type, end of wireType
  }

  private void writeCommon(String name, int id) {
    message.writeUint(1); // field CommonType
    if (!name.isEmpty()) {
      message.writeUint(1).writeString(name);
      message.writeUint(1);
    } else {
      message.writeUint(2);
    }
    message.writeInt(id).writeUint(0);
  }

  /** The id of a type the definition of another type refers to: assigned now, defined right after. */
  private int idOf(GobType type) {
    return ids.computeIfAbsent(type, t -> nextId++);
  }

  private void writeStruct(StructOf type, Object value) throws GobException {
    Map<String, Object> fields = fieldsOf(type, value);
    int last = -1;
    List<Field> declared = type.fields();
    for (int i = 0; i < declared.size(); i++) {
      Field field = declared.get(i);
      Object fieldValue = fields.get(field.name());
      if (isZero(field.type(), fieldValue)) {
        continue; // gob sends no zero values in structs
      }
      message.writeUint(i - last);
      last = i;
      writeValue(field.type(), fieldValue);
    }
    message.writeUint(0);
  }

  private static Map<String, Object> fieldsOf(StructOf type, Object value) throws GobException {
    if (value instanceof GobStruct struct) {
      return struct.fields();
    }
    if (value instanceof Map<?, ?> map) {
      @SuppressWarnings("unchecked")
      Map<String, Object> fields = (Map<String, Object>) map;
      return fields;
    }
    if (value == null) {
      return Map.of();
    }
    throw new GobException("a value of struct " + type + " must be a GobStruct or a Map of field names, got "
        + value.getClass().getName());
  }

  private static boolean isZero(GobType type, Object value) {
    if (value == null) {
      return true;
    }
    if (value instanceof Boolean b) {
      return !b;
    } else if (value instanceof Number n) {
      return type == GobType.FLOAT ? Double.doubleToRawLongBits(n.doubleValue()) == 0 : n.longValue() == 0;
    } else if (value instanceof String s) {
      return s.isEmpty();
    } else if (value instanceof byte[] b) {
      return b.length == 0;
    } else if (value instanceof double[] c) {
      return Double.doubleToRawLongBits(c[0]) == 0 && Double.doubleToRawLongBits(c[1]) == 0;
    } else if (value instanceof List<?> l) {
      return l.isEmpty() && !(type instanceof ArrayOf);
    } else if (value instanceof Map<?, ?> m) {
      return m.isEmpty() && !(type instanceof StructOf);
    }
    return false;
  }

  private void writeValue(GobType type, Object value) throws GobException {
    try {
      if (type == GobType.BOOL) {
        message.writeUint((Boolean) value ? 1 : 0);
      } else if (type == GobType.INT) {
        message.writeInt(((Number) value).longValue());
      } else if (type == GobType.UINT) {
        message.writeUint(((Number) value).longValue());
      } else if (type == GobType.FLOAT) {
        message.writeFloat(((Number) value).doubleValue());
      } else if (type == GobType.BYTES || type instanceof Opaque) {
        message.writeCounted((byte[]) value);
      } else if (type == GobType.STRING) {
        message.writeString((String) value);
      } else if (type == GobType.COMPLEX) {
        double[] parts = (double[]) value;
        message.writeFloat(parts[0]).writeFloat(parts[1]);
      } else if (type == GobType.INTERFACE) {
        writeInterface((GobInterface) value);
      } else if (type instanceof SliceOf s) {
        writeList(s.elem(), (List<?>) value);
      } else if (type instanceof ArrayOf a) {
        List<?> list = (List<?>) value;
        if (list.size() != a.length()) {
          throw new GobException("an array " + a + " needs " + a.length() + " elements, got " + list.size());
        }
        writeList(a.elem(), list);
      } else if (type instanceof MapOf m) {
        Map<?, ?> map = (Map<?, ?>) value;
        message.writeUint(map.size());
        for (Map.Entry<?, ?> entry : map.entrySet()) {
          writeValue(m.key(), entry.getKey());
          writeValue(m.elem(), entry.getValue());
        }
      } else if (type instanceof StructOf s) {
        writeStruct(s, value);
      } else {
        throw new GobException("encoding " + type + " values is not supported");
      }
    } catch (ClassCastException | NullPointerException e) {
      throw new GobException("a value of gob type " + type + " cannot be " + (value == null ? "null"
          : "a " + value.getClass().getName()));
    }
  }

  private void writeList(GobType elem, List<?> list) throws GobException {
    message.writeUint(list.size());
    for (Object element : list) {
      writeValue(elem, element);
    }
  }

  /** The concrete type's name, its definitions if new, its id, then the value as a byte-counted top-level value. */
  private void writeInterface(GobInterface value) throws GobException {
    if (value == null) {
      message.writeUint(0);
      return;
    }
    message.writeString(value.name());
    try {
      define(value.type());
    } catch (IOException e) {
      throw new GobException("could not write a type definition: " + e.getMessage());
    }
    message.writeInt(ids.get(value.type()));
    GobBuffer outer = message;
    message = new GobBuffer();
    writeTopLevel(value.type(), value.value());
    GobBuffer inner = message;
    message = outer;
    message.writeUint(inner.size());
    message.append(inner);
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /** A growing byte buffer with gob's number encodings. */
  static final class GobBuffer extends ByteArrayOutputStream {

    /** Unsigned: one byte below 128, else the negated byte count followed by the big-endian bytes. */
    GobBuffer writeUint(long u) {
      // workbook:begin gob-uint
      if (u >= 0 && u < 128) {
        write((int) u);
        return this;
      }
      int n = 8 - Long.numberOfLeadingZeros(u) / 8;
      write(-n & 0xff);
      for (int i = n - 1; i >= 0; i--) {
        write((int) (u >>> (8 * i)) & 0xff);
      }
      return this;
      // workbook:end
    }

    /** Signed: the sign in bit 0, the magnitude (complemented when negative) above it. */
    GobBuffer writeInt(long i) {
      return writeUint(i < 0 ? (~i << 1) | 1 : i << 1);
    }

    /** A float: its IEEE bits byte-reversed, so that small exponents and short mantissas give few bytes. */
    GobBuffer writeFloat(double f) {
      return writeUint(Long.reverseBytes(Double.doubleToLongBits(f)));
    }

    GobBuffer writeCounted(byte[] b) {
      writeUint(b.length);
      writeBytes0(b);
      return this;
    }

    GobBuffer writeString(String s) {
      return writeCounted(utf8(s));
    }

    private void writeBytes0(byte[] b) {
      write(b, 0, b.length);
    }

    void append(GobBuffer other) {
      write(other.buf, 0, other.count);
    }
  }
}
