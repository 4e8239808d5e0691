package io.gopluginjava.step01.plugin;

import io.gopluginjava.core.PluginServer;
import io.gopluginjava.core.ServeConfig;
import io.gopluginjava.step01.shared.GreeterNetRpcPlugin;
import io.gopluginjava.step01.shared.Handshakes;
import java.util.Map;

/** The Greeter plugin on go-plugin's own netrpc wire: a Go host built on go-plugin v1.8.0 loads it. */
public final class GreeterNetRpcPluginMain {

  // tag::plugin-main[]
  public static void main(String[] args) {
    System.exit(PluginServer.serve(ServeConfig.of(
        Handshakes.GREETER,
        Map.of(Handshakes.GREETER_PLUGIN, new GreeterNetRpcPlugin(new GreeterHello())))));
  }
  // end::plugin-main[]
}
