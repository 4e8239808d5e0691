package io.gopluginjava.bench;

import java.util.Arrays;
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

/** The Java host moving 1 MiB per call: operations per second are MiB/s. */
@State(Scope.Benchmark)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 3)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class ThroughputBenchmark {

  static final byte[] MIB = new byte[1 << 20];

  static {
    Arrays.fill(MIB, (byte) 'x');
  }

  @Param({"go", "java"})
  public String plugin;

  @Param({"off", "on"})
  public String mtls;

  private LaunchedPlugin launched;

  @Setup(Level.Trial)
  public void start(BenchmarkParams params) {
    String method = params.getBenchmark().substring(params.getBenchmark().lastIndexOf('.') + 1);
    launched = LaunchedPlugin.start(plugin, mtls).warmUp(method);
    launched.kv.put("big", MIB);
  }

  @TearDown(Level.Trial)
  public void stop() {
    launched.close();
  }

  @Benchmark
  public void put1MiB() {
    launched.kv.put("big", MIB);
  }

  @Benchmark
  public byte[] get1MiB() {
    byte[] value = launched.kv.get("big");
    if (value.length != MIB.length) {
      throw new IllegalStateException("Get returned " + value.length + " bytes, expected " + MIB.length);
    }
    return value;
  }
}
