package io.gopluginjava.step04.drills;

import static org.assertj.core.api.Assertions.assertThat;

import io.gopluginjava.core.ClientConfig;
import io.gopluginjava.core.PluginClient;
import io.gopluginjava.step03.shared.AddHelper;
import io.gopluginjava.step03.shared.Counter;
import io.gopluginjava.step03.shared.CounterGrpcPlugin;
import io.gopluginjava.step03.shared.Plugins;
import io.gopluginjava.step04.Language;
import io.gopluginjava.testing.Await;
import io.gopluginjava.testing.Leftovers;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The broker under concurrency: every Counter put makes the plugin dial the host back through a brokered socket of
 * its own (go-plugin's bidirectional example), so 8 callers at once mean 8 brokered servers at once on the host.
 */
@Tag(Drills.TAG)
@DisplayName("drills: concurrent puts that each call the host back through the broker")
class BrokerLoadDrillTest {

  private static final int CALLERS = 8;
  private static final int PUTS_EACH = 10;

  @TempDir Path workDir;
  @TempDir Path hostTmp; // the host's brokered sockets
  @TempDir Path pluginTmp; // the plugin's socket

  static Stream<Arguments> plugins() {
    return Stream.of(Arguments.of(Language.JAVA, false), Arguments.of(Language.GO, false),
        Arguments.of(Language.JAVA, true), Arguments.of(Language.GO, true));
  }

  @ParameterizedTest(name = "Java host, {0} Counter plugin, multiplexed {1}")
  @MethodSource("plugins")
  @Timeout(value = 2, unit = TimeUnit.MINUTES)
  @DisplayName("8 callers × 10 puts, each adding through the host: every sum right, every brokered socket removed;"
      + " multiplexed, the 80 callbacks are knocked streams of one connection, dialled one at a time")
  void concurrentPutsCallTheHostBack(Language language, boolean multiplex) throws Exception {
    AtomicInteger adds = new AtomicInteger();
    AddHelper adder = (a, b) -> {
      adds.incrementAndGet();
      return Math.addExact(a, b);
    };
    long started = System.nanoTime();
    try (PluginClient client = new PluginClient(ClientConfig.builder()
        .handshake(Plugins.HANDSHAKE)
        .plugin(Plugins.COUNTER, new CounterGrpcPlugin())
        .unixSocketDir(hostTmp) // the host's brokered sockets go where the plugin is told to put its own
        .shellCommand(language.counterPlugin(workDir))
        .env("TMPDIR", pluginTmp.toString()) // where the plugin puts nothing else of its own
        .startTimeout(Duration.ofSeconds(60))
        .multiplex(multiplex)
        .build())) {
      Counter counter = client.dispense(Plugins.COUNTER, Counter.class);
      ExecutorService pool = Executors.newFixedThreadPool(CALLERS);
      try {
        List<Future<?>> puts = new ArrayList<>();
        for (int c = 0; c < CALLERS; c++) {
          String key = "caller-" + c; // one key each: a put reads, adds and writes its key's file
          puts.add(pool.submit(() -> {
            for (int value = 1; value <= PUTS_EACH; value++) {
              counter.put(key, value, adder);
            }
            return null;
          }));
        }
        for (Future<?> put : puts) {
          put.get(90, TimeUnit.SECONDS);
        }
      } finally {
        pool.shutdownNow();
      }
      for (int c = 0; c < CALLERS; c++) {
        assertThat(counter.get("caller-" + c)).as("caller %d's sum of 1..%d", c, PUTS_EACH)
            .isEqualTo(PUTS_EACH * (PUTS_EACH + 1) / 2);
      }
      assertThat(adds.get()).as("calls back into the host's AddHelper").isEqualTo(CALLERS * PUTS_EACH);
      Path pluginSocketDir = Path.of(client.handshake().address()).getParent();
      assertThat(Await.until(() -> brokered(hostTmp, pluginSocketDir).isEmpty(), Duration.ofSeconds(5)))
          .as("brokered sockets the host still has: %s", brokered(hostTmp, pluginSocketDir)).isTrue();
    }
    System.out.printf("broker drill, Java host, %s Counter plugin, multiplexed %s: %d concurrent puts, each calling the"
        + " host back, in %d ms%n", language, multiplex, CALLERS * PUTS_EACH,
        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
    assertThat(Await.until(() -> Leftovers.in(pluginTmp).isEmpty() && Leftovers.in(hostTmp).isEmpty(),
        Duration.ofSeconds(5)))
        .as("what the plugin left in its TMPDIR (%s) and its socket directory (%s)", Leftovers.in(pluginTmp),
            Leftovers.in(hostTmp)).isTrue();
  }

  /** What is in {@code dir} besides the plugin's own socket: the host's brokered sockets. */
  private static List<Path> brokered(Path dir, Path pluginSocketDir) {
    return Leftovers.in(dir).stream().filter(path -> !path.startsWith(pluginSocketDir)).toList();
  }

}
