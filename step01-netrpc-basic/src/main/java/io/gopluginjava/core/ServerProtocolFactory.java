package io.gopluginjava.core;

/**
 * The plugin side of one wire, found by {@link Protocol#serverFactory()}, so that an implementation needs a public
 * no-argument constructor.
 */
public interface ServerProtocolFactory {

  /** True when {@code plugin} can be served on this wire. */
  boolean canServe(Plugin plugin);

  /** Serves {@code served} until the host ends it or goes away; returns the exit status. */
  int serve(ServedPlugins served);
}
