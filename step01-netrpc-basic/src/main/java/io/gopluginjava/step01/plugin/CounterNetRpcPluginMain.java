package io.gopluginjava.step01.plugin;

import io.gopluginjava.core.PluginServer;
import io.gopluginjava.core.ServeConfig;
import io.gopluginjava.step01.shared.CounterNetRpcPlugin;
import io.gopluginjava.step01.shared.Handshakes;
import java.util.Map;

/** The Counter plugin on the netrpc wire: each Put calls the host back through the MuxBroker. */
public final class CounterNetRpcPluginMain {

  public static void main(String[] args) {
    System.exit(PluginServer.serve(ServeConfig.of(
        Handshakes.GREETER,
        Map.of(Handshakes.COUNTER_PLUGIN, new CounterNetRpcPlugin(new MemoryCounter())))));
  }
}
