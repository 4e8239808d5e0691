package io.gopluginjava.gob;

import java.util.List;

/**
 * A gob type: the built-in ones gob knows by fixed ids, and the composite ones an encoder defines on the stream the
 * first time it sends them ({@code encoding/gob} doc: "Types"). The Java values that stand for Go's: bool
 * {@link Boolean}, int and uint {@link Long} (a uint's 64 bits as a long), float {@link Double}, []byte {@code byte[]},
 * string {@link String}, complex {@code double[]} (real, imaginary), slices and arrays {@link List}, maps
 * {@link java.util.Map}, structs {@link GobStruct}, interfaces {@link GobInterface} or null.
 */
public sealed interface GobType {

  Basic BOOL = new Basic("bool", 1);
  Basic INT = new Basic("int", 2);
  Basic UINT = new Basic("uint", 3);
  Basic FLOAT = new Basic("float", 4);
  Basic BYTES = new Basic("[]byte", 5);
  Basic STRING = new Basic("string", 6);
  Basic COMPLEX = new Basic("complex", 7);
  Basic INTERFACE = new Basic("interface", 8);

  /** The built-in types, by their fixed id. */
  List<Basic> BASICS = List.of(BOOL, INT, UINT, FLOAT, BYTES, STRING, COMPLEX, INTERFACE);

  /** A type gob predefines: its id is the same on every stream. */
  record Basic(String name, int id) implements GobType {
    @Override
    public String toString() {
      return name;
    }
  }

  record SliceOf(GobType elem) implements GobType {
    @Override
    public String toString() {
      return "[]" + elem;
    }
  }

  record ArrayOf(GobType elem, int length) implements GobType {
    @Override
    public String toString() {
      return "[" + length + "]" + elem;
    }
  }

  record MapOf(GobType key, GobType elem) implements GobType {
    @Override
    public String toString() {
      return "map[" + key + "]" + elem;
    }
  }

  /** A struct; gob matches fields by name, so their order on the wire is this list's order. */
  record StructOf(String name, List<Field> fields) implements GobType {
    public StructOf {
      fields = List.copyOf(fields);
    }

    public static StructOf of(String name, Field... fields) {
      return new StructOf(name, List.of(fields));
    }

    @Override
    public String toString() {
      return name.isEmpty() ? "struct" + fields : name;
    }
  }

  /** A value that encodes itself (GobEncoder, BinaryMarshaler, TextMarshaler): its bytes, opaque to us. */
  record Opaque(String name) implements GobType {
  }

  record Field(String name, GobType type) {
  }
}
