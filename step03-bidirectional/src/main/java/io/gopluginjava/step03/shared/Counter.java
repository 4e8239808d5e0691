package io.gopluginjava.step03.shared;

// tag::counter-interface[]
/** What the plugin offers: go-plugin's bidirectional {@code Counter}. Put adds through the host's helper. */
public interface Counter {

  /** Adds {@code value} to the count under {@code key}, asking {@code helper} to do the sum. */
  void put(String key, long value, AddHelper helper);

  /** The count under {@code key}; a key never put is an error. */
  long get(String key);
}
// end::counter-interface[]
