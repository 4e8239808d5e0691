package io.gopluginjava.step01;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.gopluginjava.core.ClientConfig;
import io.gopluginjava.core.JavaCommand;
import io.gopluginjava.core.PluginCallException;
import io.gopluginjava.core.PluginClient;
import io.gopluginjava.core.ShellLine;
import io.gopluginjava.netrpc.NetRpcException;
import io.gopluginjava.step01.plugin.CounterNetRpcPluginMain;
import io.gopluginjava.step01.plugin.GreeterNetRpcPluginMain;
import io.gopluginjava.step01.plugin.KvNetRpcPluginMain;
import io.gopluginjava.step01.shared.AddHelper;
import io.gopluginjava.step01.shared.Counter;
import io.gopluginjava.step01.shared.CounterNetRpcPlugin;
import io.gopluginjava.step01.shared.Greeter;
import io.gopluginjava.step01.shared.GreeterNetRpcPlugin;
import io.gopluginjava.step01.shared.Handshakes;
import io.gopluginjava.step01.shared.KV;
import io.gopluginjava.step01.shared.KvNetRpcPlugin;
import io.gopluginjava.testing.Await;
import io.gopluginjava.testing.CollectingOutput;
import io.gopluginjava.testing.GoToolchain;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The netrpc wire against the real go-plugin v1.8.0, both ways, with real processes: the blog's Go host
 * ({@code src/main/go/cmd/greeter-host}) loads the Java Greeter plugin, and the Java host loads a Go Greeter plugin
 * served by {@code plugin.Serve} ({@code src/main/go/cmd/greeter-plugin}). The build puts both in
 * {@code target/go-bin}; without Go these tests skip, saying so.
 */
@DisplayName("netrpc against go-plugin v1.8.0")
class GoPluginNetRpcTest {

  private static final Path GO_BIN = Path.of("target/go-bin");

  @BeforeEach
  void goProgramsBuilt() {
    assumeTrue(GoToolchain.available(), GoToolchain.MISSING);
    assertThat(GO_BIN.resolve("greeter-host")).as("the Go host, built by mvn (src/main/go/build.sh)").isExecutable();
    for (String program : List.of("greeter-plugin", "kv-host", "kv-plugin", "counter-host", "counter-plugin")) {
      assertThat(GO_BIN.resolve(program)).as("%s, built by mvn (src/main/go/build.sh)", program).isExecutable();
    }
  }

  @ParameterizedTest(name = "AutoMTLS {0}")
  @ValueSource(booleans = {false, true})
  @DisplayName("the blog's Go host (NewClient, Client, Dispense, Greet) runs the Java Greeter: Hello!, then a graceful"
      + " Control.Quit; with AutoMTLS the whole connection is TLS, each side trusting only the other's certificate")
  void goHostRunsJavaPlugin(boolean autoMtls) throws Exception {
    String javaPlugin = ShellLine.of(JavaCommand.forMain(GreeterNetRpcPluginMain.class));
    ProcessBuilder builder = new ProcessBuilder(GO_BIN.resolve("greeter-host").toAbsolutePath().toString());
    builder.environment().put("GREETER_PLUGIN", javaPlugin);
    builder.environment().put("GREETER_AUTOMTLS", String.valueOf(autoMtls));
    Process host = builder.start();
    try {
      CompletableFuture<String> stderr = CompletableFuture.supplyAsync(() -> readAll(host.getErrorStream()));
      String stdout = readAll(host.getInputStream());
      assertThat(host.waitFor(60, TimeUnit.SECONDS)).as("the Go host finished").isTrue();
      String log = stderr.get();
      assertThat(host.exitValue()).as("the Go host's exit status (its log: %s)", log).isZero();
      assertThat(stdout).as("what the Go host printed").isEqualTo("Hello!\n");
      assertThat(log.contains("configuring client automatic mTLS")).as("the Go host configured AutoMTLS (its log: %s)",
          log).isEqualTo(autoMtls);
      assertThat(log).as("the Go host's log")
          .contains("using plugin: version=1")
          .contains("greeter-host.sh: [INFO] GreeterHello - message from GreeterHello.greet")
          .contains("plugin exited")
          .doesNotContain("plugin failed to exit gracefully");
    } finally {
      host.destroyForcibly().waitFor();
    }
  }

  @ParameterizedTest(name = "AutoMTLS {0}")
  @ValueSource(booleans = {false, true})
  @DisplayName("the Java host runs a Go Greeter served by plugin.Serve: Hello!, its stdout and stderr streams and its"
      + " log reach the host, and Control.Quit ends it with status 0; with AutoMTLS over TLS")
  void javaHostRunsGoPlugin(boolean autoMtls) {
    CollectingOutput output = new CollectingOutput();
    PluginClient client = new PluginClient(ClientConfig.builder()
        .name("greeter")
        .handshake(Handshakes.GREETER)
        .command(List.of(GO_BIN.resolve("greeter-plugin").toAbsolutePath().toString()))
        .output(output)
        .startTimeout(Duration.ofSeconds(20))
        .plugins(Map.of(Handshakes.GREETER_PLUGIN, new GreeterNetRpcPlugin())).autoMtls(autoMtls).build());
    try (client) {
      assertThat(client.start().protocol()).as("the Go plugin's protocol").isEqualTo("netrpc");
      assertThat(client.handshake().serverCert().isEmpty()).as("field 6 empty, the Go plugin's certificate when"
          + " AutoMTLS is on").isEqualTo(!autoMtls);
      Greeter greeter = client.dispense(Handshakes.GREETER_PLUGIN, Greeter.class);
      assertThat(greeter.greet()).as("the Go plugin's greeting").isEqualTo("Hello!");
      client.ping();
      List<String> expected = List.of("greeter stdout: plugin stdout: greeting", "greeter stderr: plugin stderr: greeting");
      assertThat(Await.until(() -> output.lines().containsAll(expected), Duration.ofSeconds(10)))
          .as("the plugin's stdout and stderr stream lines among %s", output.lines()).isTrue();
      // The pipe is read on a thread of its own: its line may come after the stream lines.
      assertThat(Await.until(() -> output.lines().stream().anyMatch(line -> line.startsWith("greeter stderr: {")
          && line.contains("message from the Go greeter")), Duration.ofSeconds(10)))
          .as("the plugin's hclog line, from its stderr pipe, among %s", output.lines()).isTrue();
      client.kill();
      assertThat(client.exitStatus()).as("the Go plugin's exit status after Control.Quit").hasValue(0);
    }
  }

  @Test
  @DisplayName("go-plugin's KV example host over netrpc puts into and gets from the Java KV plugin (map of interface"
      + " values in, []byte out), with AutoMTLS and without")
  void goKvHostRunsJavaKvPlugin(@TempDir Path dir) throws Exception {
    String javaPlugin = ShellLine.of(JavaCommand.forMain(KvNetRpcPluginMain.class));
    HostRun put = runGo(dir, "kv-host", Map.of("KV_PLUGIN", javaPlugin, "KV_AUTOMTLS", "true"), "put", "k", "hello");
    assertThat(put.status()).as("put's exit status (its log: %s)", put.stderr()).isZero();
    assertThat(Files.readString(dir.resolve("kv_k"))).as("the file the Java plugin wrote")
        .isEqualTo("hello\n\nWritten from plugin-java-netrpc");

    HostRun get = runGo(dir, "kv-host", Map.of("KV_PLUGIN", javaPlugin, "KV_AUTOMTLS", "false"), "get", "k");
    assertThat(get.status()).as("get's exit status (its log: %s)", get.stderr()).isZero();
    assertThat(get.stdout()).as("what the Go host got").isEqualTo("hello\n\nWritten from plugin-java-netrpc\n");
  }

  @Test
  @DisplayName("the Java host puts into and gets from go-plugin's KV served over netrpc by a Go plugin, and a key never"
      + " put comes back as the Go plugin's error")
  void javaHostRunsGoKvPlugin(@TempDir Path dir) throws Exception {
    PluginClient client = new PluginClient(ClientConfig.builder()
        .name("kv")
        .handshake(Handshakes.GREETER)
        .shellCommand(ShellLine.in(dir, List.of(GO_BIN.resolve("kv-plugin").toAbsolutePath().toString())))
        .output(new CollectingOutput())
        .startTimeout(Duration.ofSeconds(20))
        .plugins(Map.of(Handshakes.KV_PLUGIN, new KvNetRpcPlugin())).build());
    try (client) {
      KV kv = client.dispense(Handshakes.KV_PLUGIN, KV.class);
      kv.put("k", "hello".getBytes(StandardCharsets.UTF_8));
      assertThat(Files.readString(dir.resolve("kv_k"))).as("the file the Go plugin wrote")
          .isEqualTo("hello\n\nWritten from plugin-go-netrpc");
      assertThat(new String(kv.get("k"), StandardCharsets.UTF_8)).as("get after put")
          .isEqualTo("hello\n\nWritten from plugin-go-netrpc");
      assertThatExceptionOfType(PluginCallException.class).isThrownBy(() -> kv.get("missing"))
          .withMessageContaining("Plugin.Get with an error: open kv_missing: no such file or directory")
          .satisfies(e -> assertThat(e.problem()).as("problem").isEqualTo(PluginCallException.Problem.PLUGIN_ERROR))
          .withCauseInstanceOf(NetRpcException.class);
    }
  }

  @Test
  @DisplayName("a Go host's Counter puts call the host back through go-plugin's MuxBroker: the Java plugin dials the"
      + " broker id the Go host serves its AddHelper on, for every put (AutoMTLS on)")
  void goCounterHostRunsJavaCounterPlugin(@TempDir Path dir) throws Exception {
    String javaPlugin = ShellLine.of(JavaCommand.forMain(CounterNetRpcPluginMain.class));
    HostRun run = runGo(dir, "counter-host", Map.of("COUNTER_PLUGIN", javaPlugin, "COUNTER_AUTOMTLS", "true"),
        "1", "2", "39");
    assertThat(run.status()).as("the Go host's exit status (its log: %s)", run.stderr()).isZero();
    assertThat(run.stdout()).as("the count, and how often the plugin called the Go host back")
        .isEqualTo("count=42 callbacks=3\n");
  }

  @Test
  @DisplayName("the Java host's Counter puts are added by a Go plugin that dials the Java host's AddHelper through"
      + " the MuxBroker, on a broker id per put")
  void javaHostRunsGoCounterPlugin() {
    PluginClient client = new PluginClient(ClientConfig.builder()
        .name("counter")
        .handshake(Handshakes.GREETER)
        .command(List.of(GO_BIN.resolve("counter-plugin").toAbsolutePath().toString()))
        .output(new CollectingOutput())
        .startTimeout(Duration.ofSeconds(20))
        .plugins(Map.of(Handshakes.COUNTER_PLUGIN, new CounterNetRpcPlugin())).build());
    try (client) {
      Counter counter = client.dispense(Handshakes.COUNTER_PLUGIN, Counter.class);
      List<String> calls = new java.util.concurrent.CopyOnWriteArrayList<>();
      AddHelper helper = (a, b) -> {
        calls.add(a + "+" + b);
        return a + b;
      };
      counter.put("c", 1, helper);
      counter.put("c", 2, helper);
      counter.put("c", 39, helper);
      assertThat(counter.get("c")).as("the count the Go plugin keeps").isEqualTo(42);
      assertThat(calls).as("the Go plugin's calls to the Java host's AddHelper").containsExactly("0+1", "1+2", "3+39");
    }
  }

  private record HostRun(int status, String stdout, String stderr) {}

  /** Runs one of the Go programs in {@code dir} to its end. */
  private static HostRun runGo(Path dir, String program, Map<String, String> env, String... args) throws Exception {
    List<String> command = new java.util.ArrayList<>(List.of(GO_BIN.resolve(program).toAbsolutePath().toString()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile());
    builder.environment().putAll(env);
    Process host = builder.start();
    try {
      CompletableFuture<String> stderr = CompletableFuture.supplyAsync(() -> readAll(host.getErrorStream()));
      String stdout = readAll(host.getInputStream());
      assertThat(host.waitFor(60, TimeUnit.SECONDS)).as("%s finished", program).isTrue();
      return new HostRun(host.exitValue(), stdout, stderr.get());
    } finally {
      host.destroyForcibly().waitFor();
    }
  }

  private static String readAll(java.io.InputStream in) {
    try {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
