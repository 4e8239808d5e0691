package io.gopluginjava.bench;

import io.gopluginjava.step02.shared.KV;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The benchmarks' KV: values in memory, so that a benchmark measures the plugin call and not the disk; Go's memkv is
 * the same.
 */
public final class MemoryKV implements KV {

  private final Map<String, byte[]> values = new ConcurrentHashMap<>();

  @Override
  public void put(String key, byte[] value) {
    values.put(key, value);
  }

  @Override
  public byte[] get(String key) {
    byte[] value = values.get(key);
    if (value == null) {
      throw new IllegalArgumentException("no value for key \"" + key + "\"");
    }
    return value;
  }
}
