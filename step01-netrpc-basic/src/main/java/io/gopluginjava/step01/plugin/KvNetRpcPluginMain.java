package io.gopluginjava.step01.plugin;

import io.gopluginjava.core.PluginServer;
import io.gopluginjava.core.ServeConfig;
import io.gopluginjava.step01.shared.Handshakes;
import io.gopluginjava.step01.shared.KvNetRpcPlugin;
import java.nio.file.Path;
import java.util.Map;

/** go-plugin's example KV plugin on the netrpc wire, in Java: go-plugin's example host loads it as {@code "kv"}. */
public final class KvNetRpcPluginMain {

  public static void main(String[] args) {
    System.exit(PluginServer.serve(ServeConfig.of(
        Handshakes.GREETER,
        Map.of(Handshakes.KV_PLUGIN, new KvNetRpcPlugin(new FileKv(Path.of(".")))))));
  }
}
