package io.gopluginjava.bench;

import io.gopluginjava.core.ClientConfig;
import io.gopluginjava.core.PluginClient;
import io.gopluginjava.step02.shared.KV;
import io.gopluginjava.step02.shared.KvGrpcPlugin;
import io.gopluginjava.step02.shared.Plugins;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * A KV plugin started by the Java host for a benchmark. The commands come from the environment, one word a line, the
 * same variables the Go benchmarks read: {@code BENCH_JAVA_PLUGIN}, {@code BENCH_GO_PLUGIN}.
 */
public final class LaunchedPlugin implements AutoCloseable {

  private final PluginClient client;
  private final String language;
  private final String mtls;
  public final KV kv;

  private LaunchedPlugin(PluginClient client, KV kv, String language, String mtls) {
    this.client = client;
    this.kv = kv;
    this.language = language;
    this.mtls = mtls;
  }

  /** Starts the plugin of {@code language} ("java" or "go") with AutoMTLS {@code "on"} or {@code "off"}. */
  public static LaunchedPlugin start(String language, String mtls) {
    PluginClient client = new PluginClient(ClientConfig.builder()
        .handshake(Plugins.HANDSHAKE)
        .plugin(Plugins.KV, new KvGrpcPlugin())
        .command(command("BENCH_" + language.toUpperCase(Locale.ROOT) + "_PLUGIN"))
        .autoMtls(mtls.equals("on"))
        .build());
    try {
      client.start();
      return new LaunchedPlugin(client, client.dispense(Plugins.KV, KV.class), language, mtls);
    } catch (RuntimeException e) {
      client.kill();
      throw e;
    }
  }

  /**
   * Calls the plugin until both JVMs (this host's and a Java plugin's) have compiled the paths measured next, so that
   * JMH's own warm-up iterations start from a steady state rather than from the interpreter: {@link SteadyState}'s
   * rounds of 16-byte Gets and a 1 MiB Put and Get, the same rule as the Go benchmarks' {@code warmUp}. How long it
   * took goes to the file named by {@code BENCH_WARMUP_LOG}, when set. A fixed 15 s was too short on a busy machine:
   * JFR showed the plugin's C2 compiler thread still using 40 % of a core 19 to 31 s after its start.
   */
  public LaunchedPlugin warmUp(String benchmark) {
    kv.put("small", UnaryBenchmark.SMALL);
    SteadyState steady = new SteadyState();
    while (!steady.done()) {
      long roundEnd = System.nanoTime() + SteadyState.ROUND.toNanos();
      List<Long> round = new ArrayList<>();
      for (long start = System.nanoTime(); start < roundEnd; start = System.nanoTime()) {
        kv.get("small");
        round.add(System.nanoTime() - start);
      }
      kv.put("big", ThroughputBenchmark.MIB);
      kv.get("big");
      steady.add(round);
    }
    steady.log("java", language + "\t" + mtls + "\t" + benchmark);
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
