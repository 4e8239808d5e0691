package io.gopluginjava.step02.plugin;

import io.gopluginjava.core.PluginServer;
import io.gopluginjava.core.ServeConfig;
import io.gopluginjava.step02.shared.KvGrpcPlugin;
import io.gopluginjava.step02.shared.Plugins;
import java.nio.file.Path;
import java.util.Map;

/** The KV plugin binary: go-plugin's example KV, in Java. Any go-plugin host of the KV example can load it. */
public final class KvPluginMain {

  // tag::kv-plugin-main[]
  public static void main(String[] args) {
    System.exit(PluginServer.serve(ServeConfig.of(
        Plugins.HANDSHAKE,
        Map.of(Plugins.KV, new KvGrpcPlugin(new FileKV(Path.of(".")))))));
  }
  // end::kv-plugin-main[]
}
