package io.gopluginjava.bench;

import java.nio.charset.StandardCharsets;
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
import org.openjdk.jmh.infra.BenchmarkParams;

/**
 * The Java host's unary round trip: one KV Get of 16 bytes, sampled one by one for p50 and p99. Two forks: each starts
 * both JVMs afresh, so the spread covers what differs between runs (JIT decisions, placement on the cores), not only
 * between iterations of one run. JMH's warm-up after {@link SteadyState}'s is 15 s: the host JVM's own call time went
 * on falling after the plugin's had settled (2026-12-02, Java → Go with mTLS: a fork's 3 s p50s 205, 183, 186, 182,
 * 168 µs after 3 s of JMH warm-up).
 */
@State(Scope.Benchmark)
@Fork(2)
@Warmup(iterations = 5, time = 3)
@Measurement(iterations = 5, time = 3)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class UnaryBenchmark {

  static final byte[] SMALL = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

  @Param({"go", "java"})
  public String plugin;

  @Param({"off", "on"})
  public String mtls;

  private LaunchedPlugin launched;

  @Setup(Level.Trial)
  public void start(BenchmarkParams params) {
    String method = params.getBenchmark().substring(params.getBenchmark().lastIndexOf('.') + 1);
    launched = LaunchedPlugin.start(plugin, mtls).warmUp(method);
    launched.kv.put("small", SMALL);
  }

  @TearDown(Level.Trial)
  public void stop() {
    launched.close();
  }

  @Benchmark
  public byte[] get() {
    return launched.kv.get("small");
  }
}
