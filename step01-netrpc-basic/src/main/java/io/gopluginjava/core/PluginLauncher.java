package io.gopluginjava.core;

import java.util.List;
import java.util.Map;

/**
 * How a host runs its plugin, like go-plugin's {@code ClientConfig.RunnerFunc}: by default as an operating-system
 * process ({@link #PROCESS}); a test harness may serve it in this JVM instead.
 */
@FunctionalInterface
public interface PluginLauncher {

  /** The command with the host's environment plus {@code env}, stdin inherited, stdout and stderr piped. */
  PluginLauncher PROCESS = PluginProcess::start;

  /**
   * Starts the plugin {@code name}. {@code env} is what the host adds to its own environment: the handshake's
   * variables and the config's extras.
   *
   * @throws PluginStartException when it cannot be started at all
   */
  PluginRunner launch(String name, List<String> command, Map<String, String> env, PluginOutput output);
}
