package io.gopluginjava.bench;

import io.gopluginjava.grpc.GrpcPluginServer;
import io.gopluginjava.grpc.GrpcServeConfig;
import io.gopluginjava.step02.shared.KvGrpcPlugin;
import io.gopluginjava.step02.shared.Plugins;
import java.util.Map;

/** The benchmarks' KV plugin in Java: step02's KV plugin with {@link MemoryKV} instead of files. */
public final class MemoryKvPluginMain {

  public static void main(String[] args) {
    System.exit(GrpcPluginServer.serve(
        new GrpcServeConfig(Plugins.HANDSHAKE, Map.of(Plugins.KV, new KvGrpcPlugin(new MemoryKV())))));
  }
}
