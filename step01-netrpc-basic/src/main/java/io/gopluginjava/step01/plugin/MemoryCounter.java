package io.gopluginjava.step01.plugin;

import io.gopluginjava.step01.shared.AddHelper;
import io.gopluginjava.step01.shared.Counter;
import java.util.HashMap;
import java.util.Map;

/** A Counter that keeps its counts in memory and lets the host do the adding, through the helper it passes. */
public final class MemoryCounter implements Counter {

  private final Map<String, Long> counts = new HashMap<>();

  @Override
  public synchronized void put(String key, long value, AddHelper helper) {
    counts.put(key, helper.sum(counts.getOrDefault(key, 0L), value));
  }

  @Override
  public synchronized long get(String key) {
    return counts.getOrDefault(key, 0L);
  }
}
