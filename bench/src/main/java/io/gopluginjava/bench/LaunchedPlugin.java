package io.gopluginjava.bench;

import io.gopluginjava.grpc.GrpcClientConfig;
import io.gopluginjava.grpc.GrpcPluginClient;
import io.gopluginjava.step02.shared.KV;
import io.gopluginjava.step02.shared.KvGrpcPlugin;
import io.gopluginjava.step02.shared.Plugins;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * A KV plugin started by the Java host for a benchmark. The commands come from the environment, one word a line, the
 * same variables the Go benchmarks read: {@code BENCH_JAVA_PLUGIN}, {@code BENCH_GO_PLUGIN}.
 */
public final class LaunchedPlugin implements AutoCloseable {

  /**
   * How long a benchmark's setup warms a plugin up. Two JVMs compiling gRPC's and Netty's paths on two cores take
   * 15 to 20 s to reach their steady state: with 5 s (and 3 s of JMH warm-up) a Java host to Java plugin Get of 1 MiB
   * measured 54 MiB/s where 20 s more of warm-up reach about 550.
   */
  public static final Duration WARM_UP = Duration.ofSeconds(15);

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

  /**
   * Makes 16-byte Gets and 1 MiB Puts and Gets for {@code length}, as the Go benchmarks' {@code warmUp} does: both
   * JVMs (this host's and a Java plugin's) run their JIT compilers over the paths measured next, so that JMH's own
   * warm-up iterations start from a steady state rather than from the interpreter.
   */
  public LaunchedPlugin warmUp(Duration length) {
    byte[] small = UnaryBenchmark.SMALL;
    byte[] big = ThroughputBenchmark.MIB;
    kv.put("small", small);
    for (long deadline = System.nanoTime() + length.toNanos(); System.nanoTime() < deadline; ) {
      for (int i = 0; i < 200; i++) {
        kv.get("small");
      }
      kv.put("big", big);
      kv.get("big");
    }
    return this;
  }

  static List<String> command(String env) {
    String value = System.getenv(env);
    if (value == null || value.isBlank()) {
      throw new IllegalStateException(
          env + " is not set: it is the plugin command, one word a line (bench/run sets it)");
    }
    return Arrays.asList(value.strip().split("\n"));
  }

  @Override
  public void close() {
    client.kill();
  }
}
