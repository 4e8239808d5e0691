package io.gopluginjava.step01;

import static org.assertj.core.api.Assertions.assertThat;

import io.gopluginjava.core.ClientConfig;
import io.gopluginjava.core.Handshake;
import io.gopluginjava.core.PluginClient;
import io.gopluginjava.core.ServeConfig;
import io.gopluginjava.step01.plugin.GreeterHello;
import io.gopluginjava.step01.shared.GreeterPlugin;
import io.gopluginjava.step01.shared.Handshakes;
import io.gopluginjava.testing.InJvmPlugin;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The wire is the contract: Go's own jsonrpc client, unchanged, talks to the Java plugin (served in this JVM by the
 * test harness: the Go program is the other process).
 */
@DisplayName("Go's net/rpc/jsonrpc client against the Java plugin")
class GoJsonRpcClientTest {

  @Test
  @DisplayName("a Go program using net/rpc/jsonrpc dispenses the greeter and gets Hello!")
  void goClientGetsHello() throws Exception {
    try (PluginClient plugin = new PluginClient(ClientConfig.builder()
        .handshake(Handshakes.GREETER)
        .plugin(Handshakes.GREETER_PLUGIN, new GreeterPlugin())
        .launcher(InJvmPlugin.serving(new ServeConfig(Handshakes.GREETER,
            Map.of(Handshakes.GREETER_PLUGIN, new GreeterPlugin(new GreeterHello())))))
        .build())) {
      Handshake handshake = plugin.start();

      Process go = new ProcessBuilder("go", "run", ".", handshake.network(), handshake.address())
          .directory(new File("src/test/go/jsonrpcclient"))
          .start();
      try {
        String stdout = new String(go.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String stderr = new String(go.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(go.waitFor(120, TimeUnit.SECONDS)).as("go run finished").isTrue();
        assertThat(go.exitValue()).as("go run's exit status (stderr: %s)", stderr).isZero();
        assertThat(stdout).as("what the Go client printed").isEqualTo("Hello!\n");
      } finally {
        go.destroyForcibly().waitFor();
      }
    }
  }
}
