package io.gopluginjava.yamux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.gopluginjava.testing.GoToolchain;
import java.io.File;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The Java yamux server against hashicorp/yamux v0.1.2's client in a Go process ({@code src/test/go/yamuxecho}): two
 * streams at once, 1 MiB each way on each, so both sides' window updates are exercised against the real thing.
 */
@DisplayName("the Java yamux against hashicorp/yamux")
class GoYamuxTest {

  private static final int SIZE = 1 << 20;

  @Test
  @DisplayName("Go's yamux client sends 1 MiB on each of two streams and reads the Java server's echo intact")
  void echoesOneMebibyteToGo() throws Exception {
    assumeTrue(GoToolchain.available(), GoToolchain.MISSING);
    Path dir = Files.createTempDirectory("yamuxecho");
    Path socket = dir.resolve("s.sock");
    try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
      server.bind(UnixDomainSocketAddress.of(socket));
      Process go = new ProcessBuilder("go", "run", ".", socket.toString(), String.valueOf(SIZE))
          .directory(new File("src/test/go/yamuxecho")).start();
      try {
        echoWithGo(server, go);
      } finally {
        end(go);
      }
    } finally {
      Files.deleteIfExists(socket);
      Files.deleteIfExists(dir);
    }
  }

  private static void echoWithGo(ServerSocketChannel server, Process go) throws Exception {
    try (SocketChannel channel = server.accept();
        Session session = Session.server(ChannelStreams.input(channel), ChannelStreams.output(channel), channel,
            YamuxConfig.DEFAULT)) {
      List<CompletableFuture<Void>> echoes = new ArrayList<>();
      for (int i = 0; i < 2; i++) {
        Stream stream = session.accept();
        echoes.add(CompletableFuture.runAsync(() -> echo(stream)));
      }
      String stdout = new String(go.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      String stderr = new String(go.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(go.waitFor(120, TimeUnit.SECONDS)).as("the Go side finished").isTrue();
      assertThat(go.exitValue()).as("the Go side's exit status (stderr: %s)", stderr).isZero();
      assertThat(stdout).as("what the Go side printed").isEqualTo("ok\n");
      for (CompletableFuture<Void> echo : echoes) {
        echo.get(10, TimeUnit.SECONDS);
      }
    }
  }

  /**
   * Lets {@code go run} end by itself, as it does once the session is closed (an error for the Go side when the Java
   * side failed): then it removes its build directory from the temp directory, which a SIGKILL would leave behind.
   * Kills it, and the program it ran, only if it does not end.
   */
  private static void end(Process go) throws InterruptedException {
    if (!go.waitFor(30, TimeUnit.SECONDS)) {
      go.descendants().forEach(ProcessHandle::destroyForcibly);
      go.destroyForcibly().waitFor();
    }
  }

  /**
   * The Go side closes its session as soon as it has read every byte back, so this close may find the session gone: a
   * race of the test, not a fault, once everything was echoed (the Go side's "ok" proves the bytes).
   */
  private static void closeAfterEcho(Stream stream, int echoed) throws IOException {
    try {
      stream.close();
    } catch (YamuxException peerClosedFirst) {
      if (echoed < SIZE) {
        throw peerClosedFirst;
      }
    }
  }

  private static void echo(Stream stream) {
    try {
      byte[] buffer = new byte[64 * 1024];
      int total = 0;
      while (total < SIZE) {
        int n = stream.input().read(buffer, 0, Math.min(buffer.length, SIZE - total));
        if (n < 0) {
          break;
        }
        stream.output().write(buffer, 0, n);
        total += n;
      }
      closeAfterEcho(stream, total);
    } catch (IOException e) {
      throw new RuntimeException(e);
    }
  }
}
