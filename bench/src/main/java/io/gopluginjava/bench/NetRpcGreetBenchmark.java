package io.gopluginjava.bench;

import io.gopluginjava.core.ClientConfig;
import io.gopluginjava.core.PluginClient;
import io.gopluginjava.step01.shared.Greeter;
import io.gopluginjava.step01.shared.GreeterNetRpcPlugin;
import io.gopluginjava.step01.shared.Handshakes;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The Java netrpc host's unary round trip (step01's wire: yamux, gob, net/rpc; AutoMTLS off): one
 * {@code Plugin.Greet}, sampled one by one, against the quiet Greeter plugins, {@code BENCH_JAVA_GREETER} and
 * {@code BENCH_GO_GREETER} (the Go host's side is {@code netrpcbench} in {@code src/main/go}).
 */
@State(Scope.Benchmark)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class NetRpcGreetBenchmark {

  @Param({"go", "java"})
  public String plugin;

  private PluginClient client;
  private Greeter greeter;

  @Setup(Level.Trial)
  public void start() {
    client = new PluginClient(ClientConfig.builder()
        .name("greeter")
        .handshake(Handshakes.GREETER)
        .command(LaunchedPlugin.command("BENCH_" + plugin.toUpperCase(Locale.ROOT) + "_GREETER"))
        .plugin(Handshakes.GREETER_PLUGIN, new GreeterNetRpcPlugin())
        .autoMtls(false)
        .build());
    greeter = client.dispense(Handshakes.GREETER_PLUGIN, Greeter.class);
    // As LaunchedPlugin.warmUp: calls until their time stops moving, so that both JVMs have compiled the measured
    // path before JMH's own warm-up iterations.
    SteadyState steady = new SteadyState();
    while (!steady.done()) {
      long roundEnd = System.nanoTime() + SteadyState.ROUND.toNanos();
      List<Long> round = new ArrayList<>();
      for (long start = System.nanoTime(); start < roundEnd; start = System.nanoTime()) {
        greeter.greet();
        round.add(System.nanoTime() - start);
      }
      steady.add(round);
    }
    steady.log("java", plugin + "\toff\tNetRpcGreetBenchmark (netrpc)");
  }

  @TearDown(Level.Trial)
  public void stop() {
    client.kill();
  }

  @Benchmark
  public String greet() {
    return greeter.greet();
  }
}
