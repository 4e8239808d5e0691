package io.gopluginjava.step01.shared;

/** The interface the plugin exposes, as in the blog: one method that returns a greeting. */
public interface Greeter {
  String greet();
}
