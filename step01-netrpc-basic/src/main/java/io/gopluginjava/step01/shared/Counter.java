package io.gopluginjava.step01.shared;

/** A plugin that calls its host back: {@code put} adds {@code value} to what {@code key} holds, with the host's helper. */
public interface Counter {

  void put(String key, long value, AddHelper helper);

  long get(String key);
}
