package io.gopluginjava.step01.plugin;

import io.gopluginjava.netrpc.NetRpcPluginServer;
import io.gopluginjava.netrpc.NetRpcServeConfig;
import io.gopluginjava.step01.shared.Handshakes;
import io.gopluginjava.step01.shared.KvNetRpcPlugin;
import java.nio.file.Path;
import java.util.Map;

/** go-plugin's example KV plugin on the netrpc wire, in Java: go-plugin's example host loads it as {@code "kv"}. */
public final class KvNetRpcPluginMain {

  public static void main(String[] args) {
    System.exit(NetRpcPluginServer.serve(new NetRpcServeConfig(
        Handshakes.GREETER,
        Map.of(Handshakes.KV_PLUGIN, new KvNetRpcPlugin(new FileKv(Path.of(".")))))));
  }
}
