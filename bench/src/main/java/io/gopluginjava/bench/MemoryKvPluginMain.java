package io.gopluginjava.bench;

import io.gopluginjava.core.PluginServer;
import io.gopluginjava.core.ServeConfig;
import io.gopluginjava.step02.shared.KvGrpcPlugin;
import io.gopluginjava.step02.shared.Plugins;
import java.util.List;
import java.util.Map;

/**
 * The benchmarks' KV plugin in Java: step02's KV plugin with {@link MemoryKV} instead of files. Its calls never wait,
 * so they run on the event loop ({@link KvGrpcPlugin#neverBlocking}); with the argument {@code --pool} they run on a
 * pool thread as a plugin's calls do by default, for a comparison in one run.
 */
public final class MemoryKvPluginMain {

  public static void main(String[] args) {
    MemoryKV kv = new MemoryKV();
    KvGrpcPlugin plugin = List.of(args).contains("--pool") ? new KvGrpcPlugin(kv) : KvGrpcPlugin.neverBlocking(kv);
    System.exit(PluginServer.serve(ServeConfig.of(Plugins.HANDSHAKE, Map.of(Plugins.KV, plugin))));
  }
}
