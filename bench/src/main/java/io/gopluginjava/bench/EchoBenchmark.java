package io.gopluginjava.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
 * The floor under the Java host: the bytes of a 16-byte Get and of a 1 MiB Put as a request and a 16-byte answer,
 * to the Go echo process ({@code BENCH_ECHO}, its Javadoc-like comment says the format) over a Unix socket, with no
 * gRPC and no TLS.
 */
@State(Scope.Benchmark)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class EchoBenchmark {

  @Param({"16", "1048576"})
  public int bytes;

  private Process echo;
  private Path dir;
  private SocketChannel socket;
  private ByteBuffer out;
  private ByteBuffer in;

  @Setup(Level.Trial)
  public void start() throws IOException {
    dir = Files.createTempDirectory("bench-echo");
    Path path = dir.resolve("echo.sock");
    List<String> command = new ArrayList<>(LaunchedPlugin.command("BENCH_ECHO"));
    command.add(path.toString());
    echo = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    String line = new BufferedReader(new InputStreamReader(echo.getInputStream(), StandardCharsets.UTF_8)).readLine();
    if (!"listening".equals(line)) {
      echo.destroyForcibly();
      throw new IllegalStateException("the echo process should print \"listening\", it printed " + line);
    }
    socket = SocketChannel.open(StandardProtocolFamily.UNIX);
    socket.connect(UnixDomainSocketAddress.of(path));
    out = ByteBuffer.allocateDirect(8 + bytes);
    out.putInt(UnaryBenchmark.SMALL.length).putInt(bytes);
    in = ByteBuffer.allocateDirect(UnaryBenchmark.SMALL.length);
  }

  @TearDown(Level.Trial)
  public void stop() throws IOException, InterruptedException {
    socket.close();
    echo.getOutputStream().close(); // the echo process exits when its stdin closes
    if (!echo.waitFor(2, TimeUnit.SECONDS)) {
      echo.destroyForcibly();
    }
    Files.deleteIfExists(dir.resolve("echo.sock"));
    Files.deleteIfExists(dir);
  }

  @Benchmark
  public ByteBuffer roundTrip() throws IOException {
    out.rewind();
    while (out.hasRemaining()) {
      socket.write(out);
    }
    in.clear();
    while (in.hasRemaining()) {
      if (socket.read(in) < 0) {
        throw new IOException("the echo process closed the socket");
      }
    }
    return in;
  }
}
