package io.gopluginjava.step01.shared;

/** What the host serves for the Counter plugin to call back: the sum of two numbers. */
public interface AddHelper {

  long sum(long a, long b);
}
