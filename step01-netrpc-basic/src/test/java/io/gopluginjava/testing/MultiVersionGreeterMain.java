package io.gopluginjava.testing;

import io.gopluginjava.core.PluginServer;
import io.gopluginjava.core.ServeConfig;
import io.gopluginjava.step01.plugin.GreeterHello;
import io.gopluginjava.step01.shared.GreeterPlugin;
import io.gopluginjava.step01.shared.Handshakes;
import java.util.List;
import java.util.Map;

/** A Greeter plugin that speaks app protocol versions 1, 2 and 3, to show negotiation. */
public final class MultiVersionGreeterMain {

  public static void main(String[] args) {
    PluginServer.serve(new ServeConfig(Handshakes.GREETER,
        Map.of(Handshakes.GREETER_PLUGIN, new GreeterPlugin(new GreeterHello())), List.of(1, 2, 3)));
  }
}
