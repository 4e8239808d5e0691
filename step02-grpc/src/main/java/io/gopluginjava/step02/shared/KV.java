package io.gopluginjava.step02.shared;

// tag::kv-interface[]
/** go-plugin's KV example interface: the host programs against this, whatever language serves it. */
public interface KV {
  void put(String key, byte[] value);

  byte[] get(String key);
}
// end::kv-interface[]
