package io.gopluginjava.step02.plugin;

import io.gopluginjava.core.PluginServer;
import io.gopluginjava.core.ServeConfig;
import io.gopluginjava.step01.plugin.GreeterHello;
import io.gopluginjava.step02.shared.GreeterGrpcPlugin;
import io.gopluginjava.step02.shared.Plugins;
import java.util.Map;

/** The Greeter plugin of step01, served over gRPC: the blog's "GRPC Basic plugin". */
public final class GreeterGrpcPluginMain {

  public static void main(String[] args) {
    System.exit(PluginServer.serve(ServeConfig.of(Plugins.HANDSHAKE,
        Map.of(Plugins.GREETER, new GreeterGrpcPlugin(new GreeterHello())))));
  }
}
