package io.gopluginjava.core;

import java.util.Collection;
import java.util.TreeSet;

/** {@code dispense(name)} was asked for a plugin name that the plugin map does not hold. */
public final class UnknownPluginException extends PluginException {

  /** {@code whoKnows} says whose map it was: "this host knows" or "this plugin serves". */
  public UnknownPluginException(String name, String whoKnows, Collection<String> known) {
    super("unknown plugin \"" + name + "\"; " + whoKnows + " " + new TreeSet<>(known));
  }
}
