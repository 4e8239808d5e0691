package io.gopluginjava.core;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;

/**
 * What {@link PluginServer} hands to the wire it chose: the negotiated app protocol version and its plugins, the
 * environment the host gave, and where the handshake line and the server's own log lines go.
 *
 * @param versionWarnings entries of {@code PLUGIN_PROTOCOL_VERSIONS} that were not numbers, for the wire to log
 * @param ownsProcess true when the plugin is the process (its {@code main}): the wire may redirect
 *     {@code System.out} and {@code System.err}, ignore SIGINT and watch the parent; false in a shared JVM (tests)
 */
public record ServedPlugins(HandshakeConfig handshake, int version, Map<String, Plugin> plugins,
    Map<String, String> env, PrintStream stdout, PrintStream stderr, List<String> versionWarnings,
    boolean ownsProcess) {
}
