package io.gopluginjava.step01.shared;

/** go-plugin's KV example interface, as its netrpc plugins serve it: the host programs against this. */
public interface KV {

  void put(String key, byte[] value);

  /** The value put under {@code key}; a key never put is an error (the Go example's plugins fail to read its file). */
  byte[] get(String key);
}
