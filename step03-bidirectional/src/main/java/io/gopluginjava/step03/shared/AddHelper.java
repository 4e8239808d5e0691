package io.gopluginjava.step03.shared;

// tag::add-helper-interface[]
/** What the host offers back to the plugin during a {@link Counter#put}. */
@FunctionalInterface
public interface AddHelper {
  long sum(long a, long b);
}
// end::add-helper-interface[]
