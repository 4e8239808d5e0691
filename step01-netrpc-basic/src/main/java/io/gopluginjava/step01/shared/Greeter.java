package io.gopluginjava.step01.shared;

// tag::greeter-interface[]
/** The interface the plugin exposes, as in the blog: one method that returns a greeting. */
public interface Greeter {
  String greet();
}
// end::greeter-interface[]
