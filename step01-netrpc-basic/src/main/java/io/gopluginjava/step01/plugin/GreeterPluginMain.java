package io.gopluginjava.step01.plugin;

import io.gopluginjava.core.PluginServer;
import io.gopluginjava.core.ServeConfig;
import io.gopluginjava.step01.shared.GreeterPlugin;
import io.gopluginjava.step01.shared.Handshakes;
import java.util.Map;

/** The plugin binary: serves {@link GreeterHello} as "greeter" until the host says quit. */
public final class GreeterPluginMain {

  // tag::plugin-main[]
  public static void main(String[] args) {
    System.exit(PluginServer.serve(new ServeConfig(
        Handshakes.GREETER,
        Map.of(Handshakes.GREETER_PLUGIN, new GreeterPlugin(new GreeterHello())))));
  }
  // end::plugin-main[]
}
