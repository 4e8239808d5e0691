package io.gopluginjava.core;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * App protocol version negotiation. The host lists the versions it accepts in {@value #ENV}; the plugin serves the
 * highest version both sides know, and with no overlap its lowest one, which the host then refuses with an error
 * that names both sides. That is go-plugin's {@code protocolVersion()} in {@code server.go}.
 */
public final class ProtocolVersions {

  public static final String ENV = "PLUGIN_PROTOCOL_VERSIONS";

  private ProtocolVersions() {}

  /** The version a plugin that supports {@code pluginVersions} serves to a host that offered {@code hostVersions}. */
  public static int negotiate(Collection<Integer> pluginVersions, Collection<Integer> hostVersions) {
    // workbook:begin version-negotiation
    List<Integer> newestFirst = new ArrayList<>(pluginVersions);
    newestFirst.sort(Collections.reverseOrder());
    for (int version : newestFirst) {
      if (hostVersions.contains(version)) {
        return version;
      }
    }
    return newestFirst.get(newestFirst.size() - 1);
    // workbook:end
  }

  /** The env value a host sends: {@code 1,2,3}. */
  public static String format(Collection<Integer> versions) {
    return versions.stream().sorted().map(String::valueOf).collect(Collectors.joining(","));
  }

  /** Reads {@value #ENV}; like go-plugin, an entry that is not a number is reported and skipped. */
  public static List<Integer> parse(String value, Consumer<String> warnings) {
    List<Integer> versions = new ArrayList<>();
    if (value == null || value.isBlank()) {
      return versions;
    }
    for (String entry : value.split(",")) {
      try {
        versions.add(Integer.parseInt(entry.strip()));
      } catch (NumberFormatException e) {
        warnings.accept("the host sent an invalid plugin protocol version \"" + entry + "\" in " + ENV + "=" + value);
      }
    }
    return versions;
  }
}
