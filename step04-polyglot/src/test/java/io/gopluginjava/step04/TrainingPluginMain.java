package io.gopluginjava.step04;

import io.gopluginjava.core.PluginServer;
import io.gopluginjava.core.ServeConfig;
import io.gopluginjava.step02.plugin.FileKV;
import io.gopluginjava.step02.shared.KvGrpcPlugin;
import io.gopluginjava.step03.plugin.FileCounter;
import io.gopluginjava.step03.shared.CounterGrpcPlugin;
import java.nio.file.Path;
import java.util.Map;

/**
 * {@code KvPluginMain} and {@code CounterPluginMain} in one plugin (they share the handshake), so that one training run
 * of {@link PluginArchiveTraining} loads the classes of both.
 */
public final class TrainingPluginMain {

  public static void main(String[] args) {
    System.exit(PluginServer.serve(ServeConfig.of(io.gopluginjava.step02.shared.Plugins.HANDSHAKE, Map.of(
        io.gopluginjava.step02.shared.Plugins.KV, new KvGrpcPlugin(new FileKV(Path.of("."))),
        io.gopluginjava.step03.shared.Plugins.COUNTER, new CounterGrpcPlugin(new FileCounter(Path.of(".")))))));
  }
}
