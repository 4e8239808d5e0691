package io.gopluginjava.step02.plugin;

import io.gopluginjava.grpc.GrpcPluginServer;
import io.gopluginjava.grpc.GrpcServeConfig;
import io.gopluginjava.step01.plugin.GreeterHello;
import io.gopluginjava.step02.shared.GreeterGrpcPlugin;
import io.gopluginjava.step02.shared.Plugins;
import java.util.Map;

/** The Greeter plugin of step01, served over gRPC: the blog's "GRPC Basic plugin". */
public final class GreeterGrpcPluginMain {

  public static void main(String[] args) {
    System.exit(GrpcPluginServer.serve(new GrpcServeConfig(Plugins.HANDSHAKE,
        Map.of(Plugins.GREETER, new GreeterGrpcPlugin(new GreeterHello())))));
  }
}
