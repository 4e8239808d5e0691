package io.gopluginjava.core;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Where the host sends what a plugin writes after its handshake line: its stderr, and any further stdout. */
public interface PluginOutput {

  void stderr(String plugin, String line);

  void stdout(String plugin, String line);

  /** Into the host's log, one line per entry, as logger {@code plugin.<name>}. */
  static PluginOutput log() {
    return new PluginOutput() {
      @Override
      public void stderr(String plugin, String line) {
        logger(plugin).info("{}", line);
      }

      @Override
      public void stdout(String plugin, String line) {
        logger(plugin).info("stdout: {}", line);
      }

      private Logger logger(String plugin) {
        return LoggerFactory.getLogger("plugin." + plugin);
      }
    };
  }
}
