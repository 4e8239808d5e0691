package io.gopluginjava.core;

import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A config's plugin sets by app protocol version, as both go-plugin configs have them: {@code Plugins} (the set of the
 * handshake's version) and {@code VersionedPlugins} (a set per version), the host's and the plugin's alike.
 */
final class PluginSets {

  private PluginSets() {}

  /**
   * {@code versioned}, with {@code plugins} as the set of the handshake's version when there are any (or, with
   * {@code handshakeSetWhenNone}, when no version has a set either).
   *
   * @throws IllegalArgumentException when both give a set for the handshake's version, or a version is below 1
   */
  static SortedMap<Integer, Map<String, Plugin>> of(HandshakeConfig handshake, Map<String, Plugin> plugins,
      SortedMap<Integer, Map<String, Plugin>> versioned, boolean handshakeSetWhenNone) {
    SortedMap<Integer, Map<String, Plugin>> sets = new TreeMap<>(versioned);
    if (!plugins.isEmpty() || (handshakeSetWhenNone && sets.isEmpty())) {
      if (sets.containsKey(handshake.protocolVersion())) {
        throw new IllegalArgumentException("plugin(...) adds to the handshake's version "
            + handshake.protocolVersion() + ", and versionedPlugins has a set for that version too: use one of"
            + " them for it");
      }
      sets.put(handshake.protocolVersion(), Map.copyOf(plugins));
    }
    for (int version : sets.keySet()) {
      if (version < 1) {
        throw new IllegalArgumentException("versionedPlugins: an app protocol version is a positive number, got "
            + version);
      }
    }
    return sets;
  }
}
