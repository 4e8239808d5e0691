package io.gopluginjava.step04.drills;

import static org.assertj.core.api.Assertions.assertThat;

import io.gopluginjava.core.ClientConfig;
import io.gopluginjava.core.PluginCallException;
import io.gopluginjava.core.PluginClient;
import io.gopluginjava.step02.shared.KV;
import io.gopluginjava.step02.shared.KvGrpcPlugin;
import io.gopluginjava.step02.shared.Plugins;
import io.gopluginjava.step04.Language;
import io.gopluginjava.testing.Await;
import io.gopluginjava.testing.Leftovers;
import io.gopluginjava.testing.Signals;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * One host, many callers and many plugins, on real processes with AutoMTLS: nothing is lost, nothing is left. Each
 * drill prints its figures.
 */
@Tag(Drills.TAG)
@DisplayName("drills: many callers and many plugins through one host")
class LoadDrillTest {

  private static final int CALLERS = 32;
  private static final int CALLS_EACH = 2_000;

  @TempDir Path workDir;
  @TempDir Path pluginTmp; // the plugins' TMPDIR: their Unix sockets live here

  /** Every client a test made, to kill afterwards: 16 threads add to it at once in manyPluginsAtOnce. */
  private final List<PluginClient> clients = new CopyOnWriteArrayList<>();

  private PluginClient kvPlugin(Language language, String name) {
    PluginClient client = new PluginClient(ClientConfig.builder()
        .name(name)
        .handshake(Plugins.HANDSHAKE)
        .plugin(Plugins.KV, new KvGrpcPlugin())
        .shellCommand(language.kvPlugin(workDir))
        .env("TMPDIR", pluginTmp.toString())
        .startTimeout(Duration.ofSeconds(60))
        .callTimeout(Duration.ofSeconds(30))
        .build());
    clients.add(client);
    return client;
  }

  @AfterEach
  void killAll() {
    clients.forEach(PluginClient::kill);
  }

  @ParameterizedTest(name = "{0} KV plugin")
  @EnumSource(names = {"JAVA", "GO"})
  @Timeout(value = 3, unit = TimeUnit.MINUTES)
  @DisplayName("32 callers × 2,000 gets through one Java host over AutoMTLS: no error, and nothing left afterwards")
  void manyCallersOneHost(Language language) throws Exception {
    PluginClient client = kvPlugin(language, "loaded");
    KV kv = client.dispense(Plugins.KV, KV.class);
    kv.put("load", Drills.bytes("load"));

    long[] nanos = new long[CALLERS * CALLS_EACH];
    AtomicInteger errors = new AtomicInteger();
    AtomicReference<Throwable> firstError = new AtomicReference<>();
    long started = System.nanoTime();
    inParallel(CALLERS, caller -> {
      for (int i = 0; i < CALLS_EACH; i++) {
        long t = System.nanoTime();
        try {
          if (!new String(kv.get("load"), StandardCharsets.UTF_8).startsWith("load")) {
            throw new AssertionError("a get returned another value");
          }
        } catch (RuntimeException | AssertionError e) {
          errors.incrementAndGet();
          firstError.compareAndSet(null, e);
        }
        nanos[caller * CALLS_EACH + i] = System.nanoTime() - t;
      }
      return null;
    });
    long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
    Arrays.sort(nanos);
    System.out.printf("load drill, Java host -> %s plugin, AutoMTLS: %d calls from %d callers in %d ms (%d/s), p50 %d µs,"
            + " p99 %d µs, %d errors%n", language, nanos.length, CALLERS, millis, nanos.length * 1000L / Math.max(1, millis),
        nanos[nanos.length / 2] / 1000, nanos[nanos.length * 99 / 100] / 1000, errors.get());

    assertThat(errors.get()).as("failed calls (the first: %s)", firstError.get()).isZero();
    client.kill();
    assertNothingLeft();
  }

  @Test
  @Timeout(value = 3, unit = TimeUnit.MINUTES)
  @DisplayName("go-plugin's own Go host calls the Java plugin from 32 goroutines × 2,000 gets: no error")
  void goHostManyGoroutines() throws Exception {
    Path out = workDir.resolve("kv-load.out");
    ProcessBuilder builder = new ProcessBuilder(Language.GO_BIN.resolve("kv-load").toString(),
        String.valueOf(CALLERS), String.valueOf(CALLS_EACH))
        .directory(workDir.toFile()).redirectOutput(out.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD);
    builder.environment().put("KV_PLUGIN", Language.JAVA.kvPlugin(workDir));
    builder.environment().put("TMPDIR", pluginTmp.toString());
    Process host = builder.start();
    try {
      assertThat(host.waitFor(150, TimeUnit.SECONDS)).as("the Go host finished").isTrue();
      String report = Files.readString(out, StandardCharsets.UTF_8).strip();
      System.out.println("load drill, go-plugin Go host -> Java plugin, AutoMTLS, 32 goroutines: " + report);

      assertThat(host.exitValue()).as("the Go host's exit status (it printed: %s)", report).isZero();
      assertThat(report).as("the Go host's report")
          .startsWith("calls=" + CALLERS * CALLS_EACH + " errors=0 ");
    } finally {
      host.descendants().forEach(ProcessHandle::destroyForcibly);
      host.destroyForcibly().waitFor();
    }
    // Not the TMPDIR: go-plugin's host kills a plugin that takes over 2 s to exit and leaves its socket behind.
    assertThat(Await.until(() -> ProcessHandle.current().children().findAny().isEmpty(), Duration.ofSeconds(10)))
        .as("child processes left").isTrue();
  }

  @Test
  @Timeout(value = 3, unit = TimeUnit.MINUTES)
  @DisplayName("16 plugins in Java, Go and Python started at once by one host: each starts, answers and is killed")
  void manyPluginsAtOnce() throws Exception {
    List<Language> languages = new ArrayList<>();
    for (int i = 0; i < 16; i++) {
      languages.add(i % 4 == 3 ? Language.PYTHON : i % 2 == 0 ? Language.GO : Language.JAVA);
    }
    long started = System.nanoTime();
    List<Long> startMillis = inParallel(languages.size(), i -> {
      long t = System.nanoTime();
      KV kv = kvPlugin(languages.get(i), "plugin-" + i + "-" + languages.get(i)).dispense(Plugins.KV, KV.class);
      long took = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t);
      kv.put("who-" + i, Drills.bytes("plugin " + i)); // one key each: the plugins share the directory their files are in
      assertThat(new String(kv.get("who-" + i), StandardCharsets.UTF_8)).as("plugin %d's get", i)
          .startsWith("plugin " + i + languages.get(i).kvSignature());
      return took;
    });
    long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
    System.out.printf("load drill, 16 plugins at once (%s): all answered in %d ms; start to dispense, slowest %d ms%n",
        languages, millis, startMillis.stream().mapToLong(Long::longValue).max().orElse(0));

    killAll();
    assertNothingLeft();
  }

  @ParameterizedTest(name = "{0} KV plugin")
  @EnumSource(names = {"JAVA", "GO"})
  @Timeout(value = 2, unit = TimeUnit.MINUTES)
  @DisplayName("a plugin SIGKILLed with 32 calls in flight fails each of them as PLUGIN_EXITED within a second, and"
      + " the host's other plugin keeps serving")
  void killedWithCallsInFlight(Language language) throws Exception {
    PluginClient victim = kvPlugin(language, "victim");
    KV dying = victim.dispense(Plugins.KV, KV.class);
    KV other = kvPlugin(language, "bystander").dispense(Plugins.KV, KV.class);
    dying.put("key", Drills.bytes("value"));
    Signals.stop(victim.processHandle()); // every call below then waits on the wire

    List<Thread> callers = new ArrayList<>();
    List<Throwable> failures = new CopyOnWriteArrayList<>();
    long[] failedAt = new long[CALLERS];
    for (int i = 0; i < CALLERS; i++) {
      int caller = i;
      Thread thread = new Thread(() -> {
        try {
          dying.get("key");
        } catch (Throwable t) {
          failedAt[caller] = System.nanoTime();
          failures.add(t);
        }
      }, "drill-caller-" + i);
      callers.add(thread);
      thread.start();
    }
    assertThat(Await.until(() -> callers.stream().allMatch(Drills::isWaitingForAnAnswer), Duration.ofSeconds(10)))
        .as("all %d calls are on the wire, waiting for the plugin's answer", CALLERS).isTrue();
    long killedAt = System.nanoTime();
    victim.processHandle().destroyForcibly();
    for (Thread thread : callers) {
      thread.join(TimeUnit.SECONDS.toMillis(10));
    }
    long slowest = Arrays.stream(failedAt).map(at -> at - killedAt).max().orElse(0);
    System.out.printf("load drill, %s plugin SIGKILLed with %d calls in flight: %d failed, the last %d ms after the kill%n",
        language, CALLERS, failures.size(), TimeUnit.NANOSECONDS.toMillis(slowest));

    assertThat(failures).as("what the waiting calls threw").hasSize(CALLERS)
        .allSatisfy(t -> assertThat(t).isInstanceOfSatisfying(PluginCallException.class, e -> assertThat(e.problem())
            .as("problem").isEqualTo(PluginCallException.Problem.PLUGIN_EXITED)));
    assertThat(Duration.ofNanos(slowest)).as("from the SIGKILL to the last call's failure")
        .isLessThanOrEqualTo(Duration.ofSeconds(1));
    other.put("key", Drills.bytes("still here"));
    assertThat(new String(other.get("key"), StandardCharsets.UTF_8)).as("the other plugin, after the crash")
        .startsWith("still here");
  }

  /** No plugin process left, and no socket file or directory in the plugins' TMPDIR. */
  private void assertNothingLeft() {
    assertThat(Await.until(() -> ProcessHandle.current().children().findAny().isEmpty(), Duration.ofSeconds(10)))
        .as("child processes left: %s", ProcessHandle.current().children().map(ProcessHandle::info).toList()).isTrue();
    assertThat(Await.until(() -> Leftovers.in(pluginTmp).isEmpty(), Duration.ofSeconds(5)))
        .as("what the plugins left in their TMPDIR: %s", Leftovers.in(pluginTmp)).isTrue();
  }

  /** Runs {@code task} for 0..n-1 on n threads at once, and returns their results in order; the first failure is thrown. */
  private static <T> List<T> inParallel(int n, IndexedTask<T> task) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(n);
    try {
      List<Future<T>> futures = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        int index = i;
        futures.add(pool.submit((Callable<T>) () -> task.run(index)));
      }
      List<T> results = new ArrayList<>();
      for (Future<T> future : futures) {
        try {
          results.add(future.get());
        } catch (java.util.concurrent.ExecutionException e) {
          if (e.getCause() instanceof Exception cause) {
            throw cause;
          }
          if (e.getCause() instanceof Error error) {
            throw error;
          }
          throw e;
        }
      }
      return results;
    } finally {
      pool.shutdownNow();
    }
  }

  private interface IndexedTask<T> {
    T run(int index) throws Exception;
  }

}
