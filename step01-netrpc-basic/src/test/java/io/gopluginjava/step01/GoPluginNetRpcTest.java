package io.gopluginjava.step01;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.gopluginjava.core.ClientConfig;
import io.gopluginjava.core.JavaCommand;
import io.gopluginjava.core.ShellLine;
import io.gopluginjava.netrpc.NetRpcPluginClient;
import io.gopluginjava.step01.plugin.GreeterNetRpcPluginMain;
import io.gopluginjava.step01.shared.Greeter;
import io.gopluginjava.step01.shared.GreeterNetRpcPlugin;
import io.gopluginjava.step01.shared.Handshakes;
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
    assertThat(GO_BIN.resolve("greeter-plugin")).as("the Go plugin, built by mvn (src/main/go/build.sh)")
        .isExecutable();
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
    NetRpcPluginClient client = new NetRpcPluginClient(ClientConfig.builder()
        .name("greeter")
        .handshake(Handshakes.GREETER)
        .command(List.of(GO_BIN.resolve("greeter-plugin").toAbsolutePath().toString()))
        .output(output)
        .startTimeout(Duration.ofSeconds(20))
        .build(), Map.of(Handshakes.GREETER_PLUGIN, new GreeterNetRpcPlugin()), autoMtls);
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

  private static String readAll(java.io.InputStream in) {
    try {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
