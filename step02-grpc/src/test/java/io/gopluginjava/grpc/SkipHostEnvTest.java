package io.gopluginjava.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.gopluginjava.core.ClientConfig;
import io.gopluginjava.core.JavaCommand;
import io.gopluginjava.core.PluginClient;
import io.gopluginjava.core.PluginServer;
import io.gopluginjava.core.ServeConfig;
import io.gopluginjava.step02.plugin.FileKV;
import io.gopluginjava.step02.shared.KvGrpcPlugin;
import io.gopluginjava.step02.shared.Plugins;
import io.gopluginjava.testing.InJvmPlugin;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** go-plugin's {@code SkipHostEnv}: the plugin process gets the handshake's variables only, not the host's. */
@DisplayName("a plugin started with skipHostEnv")
class SkipHostEnvTest {

  private static final String NAMES = "environment variable names: ";

  /** The KV plugin, after it has written the names of its environment variables to stderr. */
  public static final class EnvReportingKvPluginMain {
    public static void main(String[] args) {
      System.err.println(NAMES + String.join(",", new TreeSet<>(System.getenv().keySet())));
      System.exit(PluginServer.serve(ServeConfig.of(Plugins.HANDSHAKE,
          Map.of(Plugins.KV, new KvGrpcPlugin(new FileKV(Path.of(".")))))));
    }
  }

  private final List<LogEntry> logs = new CopyOnWriteArrayList<>();
  private PluginClient client;

  @AfterEach
  void kill() {
    if (client != null) {
      client.kill();
    }
  }

  /** The names the plugin reported, after a start and a ping. */
  private Set<String> namesSeenByPlugin(boolean skipHostEnv) {
    client = new PluginClient(ClientConfig.builder()
        .handshake(Plugins.HANDSHAKE)
        .plugin(Plugins.KV, new KvGrpcPlugin())
        .command(JavaCommand.forMain(EnvReportingKvPluginMain.class))
        .env("KV_EXTRA", "given by the host's config")
        // Without a locale, JDK 17 writes stderr in ASCII: '?' for any other character of the plugin's log lines.
        .env("LC_ALL", "C.UTF-8")
        .skipHostEnv(skipHostEnv)
        .output(new HclogOutput((plugin, entry) -> logs.add(entry)))
        .startTimeout(Duration.ofSeconds(30))
        .build());
    client.ping(); // the plugin has written its names before its handshake
    String line = logs.stream().map(LogEntry::message).filter(m -> m.startsWith(NAMES)).findFirst()
        .orElseThrow(() -> new AssertionError("the plugin reported no environment; it logged " + logs));
    return new HashSet<>(Arrays.asList(line.substring(NAMES.length()).split(",")));
  }

  @Test
  @DisplayName("sees the handshake's variables and the config's, and none of the host's")
  void onlyTheHandshakeEnvironment() {
    Set<String> handshake = Set.of(Plugins.HANDSHAKE.magicCookieKey(), "PLUGIN_PROTOCOL_VERSIONS", "PLUGIN_MIN_PORT",
        "PLUGIN_MAX_PORT", GrpcPluginServer.CLIENT_CERT_ENV, "KV_EXTRA", "LC_ALL");
    Set<String> hostOnly = new HashSet<>(System.getenv().keySet());
    hostOnly.removeAll(handshake);

    Set<String> seen = namesSeenByPlugin(true);

    assertThat(seen).as("what the plugin's environment has").containsAll(handshake).doesNotContainAnyElementsOf(hostOnly);
  }

  @Test
  @DisplayName("without it, the plugin sees the host's environment too, as go-plugin's default")
  void hostEnvironmentByDefault() {
    assertThat(System.getenv()).as("the host's environment (the test needs one)").isNotEmpty();

    assertThat(namesSeenByPlugin(false)).as("what the plugin's environment has").containsAll(System.getenv().keySet());
  }

  @Test
  @DisplayName("is refused with a launcher of its own, which decides the environment")
  void refusedWithALauncher() {
    ClientConfig.Builder config = ClientConfig.builder()
        .handshake(Plugins.HANDSHAKE)
        .plugin(Plugins.KV, new KvGrpcPlugin())
        .launcher(InJvmPlugin.serving(ServeConfig.of(Plugins.HANDSHAKE, Map.of())))
        .skipHostEnv(true);

    assertThatExceptionOfType(IllegalArgumentException.class).isThrownBy(config::build)
        .withMessageContaining("skipHostEnv").withMessageContaining("launcher");
  }
}
