package io.gopluginjava.step04.drills;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.gopluginjava.core.ClientConfig;
import io.gopluginjava.core.PluginCallException;
import io.gopluginjava.core.PluginClient;
import io.gopluginjava.step02.shared.KV;
import io.gopluginjava.step02.shared.KvGrpcPlugin;
import io.gopluginjava.step02.shared.Plugins;
import io.gopluginjava.step04.Language;
import io.grpc.Status;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * 64 MiB through go-plugin's message-size limits, over AutoMTLS. The limits are gRPC's, as go-plugin leaves them: a go-plugin
 * host lifts its receive and send limits to 2 GiB ({@code grpc_client.go}: {@code MaxCallRecvMsgSize} and
 * {@code MaxCallSendMsgSize} of {@code math.MaxInt32}), and so does our host ({@code Transport.MAX_MESSAGE_BYTES});
 * a go-plugin plugin's server takes grpc-go's defaults ({@code grpc_server.go} passes only its credentials): it receives
 * at most 4 MiB and sends up to 2 GiB, and a Java plugin's grpc-java server has the same defaults. So a plugin answers
 * with 64 MiB, and refuses a request of 64 MiB with {@code RESOURCE_EXHAUSTED} and stays up.
 */
@Tag(Drills.TAG)
@DisplayName("drills: 64 MiB messages within go-plugin's gRPC size limits")
class LargeMessageDrillTest {

  private static final int SIXTY_FOUR_MIB = 64 << 20;
  private static final int SERVER_RECEIVE_LIMIT = 4 << 20;

  @TempDir Path workDir;
  @TempDir Path pluginTmp;

  private PluginClient kvPlugin(Language language) {
    return new PluginClient(ClientConfig.builder()
        .handshake(Plugins.HANDSHAKE)
        .plugin(Plugins.KV, new KvGrpcPlugin())
        .shellCommand(language.kvPlugin(workDir))
        .startTimeout(Duration.ofSeconds(60))
        .build());
  }

  @ParameterizedTest(name = "Java host, {0} plugin")
  @EnumSource(names = {"JAVA", "GO"})
  @Timeout(value = 2, unit = TimeUnit.MINUTES)
  @DisplayName("a plugin answers a get with 64 MiB, and refuses a put of 64 MiB (over its 4 MiB receive limit) but"
      + " keeps serving")
  void sixtyFourMebibytes(Language language) throws Exception {
    byte[] big = randomBytes(SIXTY_FOUR_MIB);
    Files.write(workDir.resolve("kv_big"), big); // where both KV plugins keep key "big"

    try (PluginClient client = kvPlugin(language)) {
      KV kv = client.dispense(Plugins.KV, KV.class);
      long started = System.nanoTime();
      byte[] got = kv.get("big");
      long getMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);

      assertThat(got.length).as("bytes of the 64 MiB get").isEqualTo(SIXTY_FOUR_MIB);
      assertThat(Arrays.equals(got, big)).as("the 64 MiB get, byte for byte").isTrue();

      assertThatExceptionOfType(PluginCallException.class).as("a put of 64 MiB")
          .isThrownBy(() -> kv.put("too-big", big))
          .satisfies(e -> assertThat(Status.fromThrowable(e.getCause()).getCode()).as("status")
              .isEqualTo(Status.Code.RESOURCE_EXHAUSTED))
          .withMessageContaining(String.valueOf(SERVER_RECEIVE_LIMIT));
      byte[] fits = randomBytes(SERVER_RECEIVE_LIMIT - 1024);
      kv.put("fits", fits);
      System.out.printf("large-message drill, Java host <- %s plugin, AutoMTLS: 64 MiB get in %d ms; a 64 MiB put is"
          + " refused with RESOURCE_EXHAUSTED, a put of 4 MiB - 1 KiB is taken%n", language, getMillis);
      assertThat(Files.size(workDir.resolve("kv_fits"))).as("the put that fits, on disk")
          .isGreaterThanOrEqualTo(fits.length);
    }
  }

  @Test
  @Timeout(value = 2, unit = TimeUnit.MINUTES)
  @DisplayName("go-plugin's own Go host gets 64 MiB from the Java plugin")
  void goHostGetsSixtyFourMebibytes() throws Exception {
    byte[] big = new byte[SIXTY_FOUR_MIB];
    Arrays.fill(big, (byte) 'x'); // printable: the Go host prints the value
    Files.write(workDir.resolve("kv_big"), big);
    Path out = workDir.resolve("kv.out");
    ProcessBuilder builder = new ProcessBuilder(Language.GO_BIN.resolve("kv").toString(), "get", "big")
        .directory(workDir.toFile()).redirectOutput(out.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD);
    builder.environment().put("KV_PLUGIN", Language.JAVA.kvPlugin(workDir));
    // go-plugin's host kills a plugin that takes over 2 s to exit and leaves its socket: keep it out of the real TMPDIR.
    builder.environment().put("TMPDIR", pluginTmp.toString());
    Process host = builder.start();
    try {
      assertThat(host.waitFor(90, TimeUnit.SECONDS)).as("the Go host finished").isTrue();
      assertThat(host.exitValue()).as("the Go host's exit status").isZero();
      assertThat(Files.size(out)).as("bytes the Go host printed: the value and a newline")
          .isEqualTo(SIXTY_FOUR_MIB + 1L);
      System.out.println("large-message drill, go-plugin Go host <- Java plugin, AutoMTLS: 64 MiB get");
    } finally {
      host.descendants().forEach(ProcessHandle::destroyForcibly);
      host.destroyForcibly().waitFor();
    }
    String head = new String(Files.readAllBytes(out), 0, 8, StandardCharsets.US_ASCII);
    assertThat(head).as("the first bytes").isEqualTo("xxxxxxxx");
  }

  private static byte[] randomBytes(int size) {
    byte[] bytes = new byte[size];
    new Random(size).nextBytes(bytes);
    return bytes;
  }
}
