package io.gopluginjava.step04;

import static org.assertj.core.api.Assertions.assertThat;

import io.gopluginjava.core.ClientConfig;
import io.gopluginjava.core.PluginClient;
import io.gopluginjava.step02.shared.KV;
import io.gopluginjava.step02.shared.KvGrpcPlugin;
import io.gopluginjava.step02.shared.Plugins;
import io.gopluginjava.testing.Await;
import io.gopluginjava.testing.Leftovers;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** A plugin ended by a signal leaves no socket behind: it removes it itself, or its host does once it is dead. */
@DisplayName("nothing left behind: a plugin's socket after SIGTERM and SIGKILL")
class SocketCleanupTest {

  @TempDir Path workDir;
  @TempDir Path pluginTmp;

  private PluginClient kvPlugin(Language language) {
    return new PluginClient(ClientConfig.builder()
        .handshake(Plugins.HANDSHAKE)
        .plugin(Plugins.KV, new KvGrpcPlugin())
        .shellCommand(language.kvPlugin(workDir))
        .env("TMPDIR", pluginTmp.toString())
        .startTimeout(Duration.ofSeconds(60))
        .build());
  }

  @ParameterizedTest(name = "{0} KV plugin")
  @EnumSource(names = {"JAVA", "GO", "PYTHON"})
  @DisplayName("a plugin ended by SIGTERM removes its own socket on the way out, before its host looks")
  void sigterm(Language language) {
    try (PluginClient client = kvPlugin(language)) {
      client.dispense(Plugins.KV, KV.class).put("k", new byte[] {1});
      assertThat(Leftovers.in(pluginTmp)).as("the plugin's socket while it runs").isNotEmpty();

      client.processHandle().destroy(); // SIGTERM

      assertThat(Await.until(() -> !client.processHandle().isAlive(), Duration.ofSeconds(10))).as("exited").isTrue();
      assertThat(Leftovers.in(pluginTmp)).as("what the plugin left in its TMPDIR").isEmpty();
    }
  }

  @ParameterizedTest(name = "{0} KV plugin")
  @EnumSource(names = {"JAVA", "GO"})
  @DisplayName("a plugin killed with SIGKILL cannot remove its socket: its host removes it once it is dead")
  void sigkill(Language language) {
    PluginClient client = kvPlugin(language);
    try (client) {
      client.dispense(Plugins.KV, KV.class).put("k", new byte[] {1});
      client.processHandle().destroyForcibly();
      assertThat(Await.until(() -> !client.processHandle().isAlive(), Duration.ofSeconds(10))).as("killed").isTrue();
      assertThat(Leftovers.in(pluginTmp)).as("the socket a SIGKILLed plugin leaves").isNotEmpty();
    }
    assertThat(Leftovers.in(pluginTmp)).as("what is left in the plugin's TMPDIR after the host's kill()").isEmpty();
  }

}
