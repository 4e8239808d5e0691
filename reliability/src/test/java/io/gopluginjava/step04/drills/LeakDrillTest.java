package io.gopluginjava.step04.drills;

import static org.assertj.core.api.Assertions.assertThat;

import io.gopluginjava.core.ClientConfig;
import io.gopluginjava.core.PluginClient;
import io.gopluginjava.step02.shared.KV;
import io.gopluginjava.step02.shared.KvGrpcPlugin;
import io.gopluginjava.step02.shared.Plugins;
import io.gopluginjava.step04.Language;
import io.gopluginjava.testing.Await;
import io.gopluginjava.testing.Leftovers;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A host starts, uses and kills a plugin again and again: whatever one cycle leaks (a process, a descriptor, a thread,
 * a socket file) adds up. The plugin is the Go one, the quickest to start, so the drill measures the Java host.
 */
@Tag(Drills.TAG)
@DisplayName("drills: 200 start → call → kill cycles leak nothing")
class LeakDrillTest {

  private static final int WARM_UP = 10;
  private static final int CYCLES = 200;
  private static final int SPARE_DESCRIPTORS = 16;
  private static final int SPARE_THREADS = 8;

  @TempDir Path workDir;
  @TempDir Path pluginTmp; // the plugin's TMPDIR: its Unix socket lives here

  @Test
  @Timeout(value = 5, unit = TimeUnit.MINUTES) // 200 plugin starts: more than the default test timeout on a busy machine
  @DisplayName("afterwards: no child process, no socket file, descriptors and threads back within a small bound")
  void startCallKillCycles() throws IOException {
    cycles(WARM_UP); // loads classes and makes what is made once per JVM
    long descriptorsBefore = openDescriptors();
    int threadsBefore = ManagementFactory.getThreadMXBean().getThreadCount();

    long started = System.nanoTime();
    cycles(CYCLES);
    long millis = Duration.ofNanos(System.nanoTime() - started).toMillis();

    assertThat(Await.until(() -> ProcessHandle.current().children().findAny().isEmpty(), Duration.ofSeconds(5)))
        .as("child processes left after %d cycles", CYCLES).isTrue();
    assertThat(Await.until(() -> Leftovers.in(pluginTmp).isEmpty(), Duration.ofSeconds(5)))
        .as("socket files left in the plugins' TMPDIR after %d cycles", CYCLES).isTrue();
    boolean threadsSettled = Await.until(
        () -> ManagementFactory.getThreadMXBean().getThreadCount() <= threadsBefore + SPARE_THREADS, Duration.ofSeconds(5));
    long descriptorsAfter = openDescriptors();
    int threadsAfter = ManagementFactory.getThreadMXBean().getThreadCount();
    System.out.printf("leak drill: %d cycles in %d ms (%d ms each); descriptors %d -> %d; threads %d -> %d%n",
        CYCLES, millis, millis / CYCLES, descriptorsBefore, descriptorsAfter, threadsBefore, threadsAfter);
    assertThat(threadsSettled).as("threads after %d cycles: %d, before: %d", CYCLES, threadsAfter, threadsBefore)
        .isTrue();
    assertThat(descriptorsAfter).as("open file descriptors after %d cycles (before: %d)", CYCLES, descriptorsBefore)
        .isLessThanOrEqualTo(descriptorsBefore + SPARE_DESCRIPTORS);
  }

  private void cycles(int count) {
    for (int i = 0; i < count; i++) {
      try (PluginClient client = new PluginClient(ClientConfig.builder()
          .name("cycle-" + i)
          .handshake(Plugins.HANDSHAKE)
          .plugin(Plugins.KV, new KvGrpcPlugin())
          .shellCommand(Language.GO.kvPlugin(workDir))
          .env("TMPDIR", pluginTmp.toString())
          .startTimeout(Duration.ofSeconds(30))
          .build())) {
        KV kv = client.dispense(Plugins.KV, KV.class);
        kv.put("cycle", ("value " + i).getBytes(StandardCharsets.UTF_8));
        assertThat(new String(kv.get("cycle"), StandardCharsets.UTF_8)).as("cycle %d's get", i).startsWith("value " + i);
      }
    }
  }

  private static long openDescriptors() throws IOException {
    try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
      return fds.count();
    }
  }

}
