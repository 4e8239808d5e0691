package io.gopluginjava.step03.plugin;

import io.gopluginjava.core.PluginServer;
import io.gopluginjava.core.ServeConfig;
import io.gopluginjava.step03.shared.CounterGrpcPlugin;
import io.gopluginjava.step03.shared.Plugins;
import java.nio.file.Path;
import java.util.Map;

/** The Counter plugin binary: go-plugin's bidirectional example plugin, in Java. Go's example host can load it. */
public final class CounterPluginMain {

  // tag::counter-plugin-main[]
  public static void main(String[] args) {
    System.exit(PluginServer.serve(ServeConfig.of(
        Plugins.HANDSHAKE,
        Map.of(Plugins.COUNTER, new CounterGrpcPlugin(new FileCounter(Path.of(".")))))));
  }
  // end::counter-plugin-main[]
}
