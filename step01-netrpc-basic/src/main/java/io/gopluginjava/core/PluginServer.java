package io.gopluginjava.core;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The plugin side of both wires, like go-plugin's {@code plugin.Serve}: checks the magic cookie, negotiates the app
 * protocol version with the host, chooses the wire as go-plugin's {@code server.go} does (gRPC when the version's
 * plugins are all gRPC plugins, netrpc otherwise), and serves on it until the host ends the plugin. Returns the exit
 * status: a plugin's {@code main} ends with {@code System.exit(PluginServer.serve(config))}.
 */
public final class PluginServer {

  private PluginServer() {}

  /**
   * Runs the plugin process until the host shuts it down or goes away, and returns its exit status: 0, 1 when it was
   * not started by a host (no magic cookie) or could not listen, 2 when a bug ended it (a Go plugin's panic).
   */
  public static int serve(ServeConfig config) {
    return serve(config, System.getenv(), System.out, System.err, true);
  }

  /**
   * {@link #serve(ServeConfig)} in a JVM the plugin does not own, as go-plugin's {@code ServeTestConfig}: {@code env}
   * stands for the process's environment, the handshake line goes to {@code stdout} and the server's own log lines to
   * {@code stderr}; {@code System.out} and {@code System.err} are left alone and nothing watches the parent process.
   * The test harness {@code io.gopluginjava.testing.InJvmPlugin} serves plugins this way.
   */
  public static int serve(ServeConfig config, Map<String, String> env, PrintStream stdout, PrintStream stderr) {
    return serve(config, env, stdout, stderr, false);
  }

  private static int serve(ServeConfig config, Map<String, String> env, PrintStream stdout, PrintStream stderr,
      boolean ownsProcess) {
    if (!MagicCookie.explainIfMissing(env, config.handshake(), stderr)) {
      return 1;
    }
    List<String> warnings = new ArrayList<>();
    int version = ProtocolVersions.negotiate(config.versions(),
        ProtocolVersions.parse(env.get(ProtocolVersions.ENV), warnings::add));
    Map<String, Plugin> plugins = config.versionedPlugins().get(version);
    ServerProtocolFactory wire;
    try {
      wire = chooseWire(config, plugins);
    } catch (PluginException e) {
      stderr.println(e.getMessage());
      return 1;
    }
    return wire.serve(new ServedPlugins(config.handshake(), version, plugins, env, stdout, stderr,
        List.copyOf(warnings), ownsProcess));
  }

  /** go-plugin's choice: gRPC when it may, and every plugin of the set is a gRPC plugin; else netrpc. */
  private static ServerProtocolFactory chooseWire(ServeConfig config, Map<String, Plugin> plugins) {
    if (config.protocols().contains(Protocol.GRPC) && !plugins.isEmpty()) {
      ServerProtocolFactory grpc = serverFactoryIfPresent(Protocol.GRPC);
      if (grpc != null && plugins.values().stream().allMatch(grpc::canServe)) {
        return grpc;
      }
    }
    if (!config.protocols().contains(Protocol.NETRPC)) {
      throw new PluginException("this plugin may serve only " + config.protocols() + ", and its plugins "
          + plugins.keySet() + " are not all gRPC plugins: implement GrpcPlugin, or allow Protocol.NETRPC");
    }
    ServerProtocolFactory netrpc = Protocol.NETRPC.serverFactory();
    for (Map.Entry<String, Plugin> plugin : plugins.entrySet()) {
      if (!netrpc.canServe(plugin.getValue())) {
        throw new PluginException("plugin \"" + plugin.getKey() + "\" is a " + plugin.getValue().getClass().getName()
            + ", which neither wire can serve here: implement GrpcPlugin or NetRpcPlugin (and GrpcPlugin's server)");
      }
    }
    return netrpc;
  }

  private static ServerProtocolFactory serverFactoryIfPresent(Protocol protocol) {
    try {
      return protocol.serverFactory();
    } catch (PluginException notOnTheClassPath) {
      return null;
    }
  }
}
