package io.gopluginjava.gob;

import java.util.LinkedHashMap;
import java.util.Map;

/** A struct value: its type and the fields present (gob leaves out fields with zero values). */
public record GobStruct(GobType.StructOf type, Map<String, Object> fields) {

  public GobStruct {
    fields = new LinkedHashMap<>(fields);
  }

  public Object get(String field) {
    return fields.get(field);
  }

  /** A string field, "" when absent (gob's zero value). */
  public String string(String field) {
    Object value = fields.get(field);
    return value == null ? "" : (String) value;
  }

  /** An int or uint field, 0 when absent. */
  public long number(String field) {
    Object value = fields.get(field);
    return value == null ? 0 : ((Number) value).longValue();
  }
}
