package io.gopluginjava.bench;

import io.gopluginjava.grpc.GrpcClientConfig;
import io.gopluginjava.grpc.GrpcPluginClient;
import io.gopluginjava.step02.shared.KV;
import io.gopluginjava.step02.shared.KvGrpcPlugin;
import io.gopluginjava.step02.shared.Plugins;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * A KV plugin started by the Java host for a benchmark. The commands come from the environment, one word a line, the
 * same variables the Go benchmarks read: {@code BENCH_JAVA_PLUGIN}, {@code BENCH_GO_PLUGIN}.
 */
public final class LaunchedPlugin implements AutoCloseable {

  private final GrpcPluginClient client;
  public final KV kv;

  private LaunchedPlugin(GrpcPluginClient client, KV kv) {
    this.client = client;
    this.kv = kv;
  }

  /** Starts the plugin of {@code language} ("java" or "go") with AutoMTLS {@code "on"} or {@code "off"}. */
  public static LaunchedPlugin start(String language, String mtls) {
    GrpcPluginClient client = new GrpcPluginClient(GrpcClientConfig.builder()
        .handshake(Plugins.HANDSHAKE)
        .plugin(Plugins.KV, new KvGrpcPlugin())
        .command(command("BENCH_" + language.toUpperCase(Locale.ROOT) + "_PLUGIN"))
        .autoMtls(mtls.equals("on"))
        .build());
    try {
      client.start();
      return new LaunchedPlugin(client, client.dispense(Plugins.KV, KV.class));
    } catch (RuntimeException e) {
      client.kill();
      throw e;
    }
  }

  static List<String> command(String env) {
    String value = System.getenv(env);
    if (value == null || value.isBlank()) {
      throw new IllegalStateException(env + " is not set: it is the plugin command, one word a line (bench/run sets it)");
    }
    return Arrays.asList(value.strip().split("\n"));
  }

  @Override
  public void close() {
    client.kill();
  }
}
