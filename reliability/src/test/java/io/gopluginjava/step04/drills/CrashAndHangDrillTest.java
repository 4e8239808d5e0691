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
import io.gopluginjava.testing.Await;
import io.gopluginjava.testing.Signals;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A plugin that dies or hangs in the middle of a call, in Java and in Go: the call fails with an error that names the
 * plugin and says what happened to it, and the host goes on. The drills break real plugins from outside, with
 * SIGKILL and SIGSTOP, so they need no special code in any plugin.
 */
@Tag(Drills.TAG)
@DisplayName("drills: a plugin that dies or hangs mid-call cannot take its host down")
class CrashAndHangDrillTest {

  private static final Duration CALL_TIMEOUT = Duration.ofSeconds(2);

  @TempDir Path workDir;

  /**
   * How long kill waits for a frozen plugin before it destroys it: a frozen plugin never exits by itself, so the drill
   * would sit out the default 2 s; what it proves is that kill ends it all the same.
   */
  private static final Duration FROZEN_EXIT_GRACE = Duration.ofMillis(300);

  private PluginClient kvPlugin(Language language, String name) {
    return new PluginClient(config(language, name).build());
  }

  private ClientConfig.Builder config(Language language, String name) {
    return ClientConfig.builder()
        .name(name)
        .handshake(Plugins.HANDSHAKE)
        .plugin(Plugins.KV, new KvGrpcPlugin())
        .shellCommand(language.kvPlugin(workDir))
        .startTimeout(Duration.ofSeconds(30))
        .callTimeout(CALL_TIMEOUT);
  }

  @ParameterizedTest(name = "{0} KV plugin")
  @EnumSource(names = {"JAVA", "GO"})
  @DisplayName("a plugin killed while a call waits on it fails that call with its name and exit status, and the host's"
      + " other plugin keeps serving")
  void pluginKilledMidCall(Language language) throws InterruptedException {
    try (PluginClient victim = kvPlugin(language, "victim");
        PluginClient bystander = kvPlugin(language, "bystander")) {
      KV dying = victim.dispense(Plugins.KV, KV.class);
      KV other = bystander.dispense(Plugins.KV, KV.class);
      dying.put("key", Drills.bytes("value"));
      Signals.stop(victim.processHandle()); // the call below then waits on a plugin that cannot answer

      AtomicReference<Throwable> failure = new AtomicReference<>();
      Thread caller = new Thread(() -> {
        try {
          dying.get("key");
        } catch (Throwable t) {
          failure.set(t);
        }
      }, "drill-caller");
      caller.start();
      assertThat(Await.until(() -> Drills.isWaitingForAnAnswer(caller), Duration.ofSeconds(5)))
          .as("the call is on the wire, waiting for the plugin's answer").isTrue();
      victim.processHandle().destroyForcibly();
      caller.join(CALL_TIMEOUT.multipliedBy(2).toMillis());

      // tag::killed-mid-call[]
      assertThat(failure.get()).as("what the waiting call threw")
          .isInstanceOfSatisfying(PluginCallException.class, e -> {
            assertThat(e.problem()).as("problem").isEqualTo(PluginCallException.Problem.PLUGIN_EXITED);
            assertThat(e.plugin()).as("the plugin named").isEqualTo("victim");
            assertThat(e.exitStatus()).as("exit status: 128 + SIGKILL").hasValue(137);
            assertThat(e).hasMessageContaining("plugin \"victim\" (pid " + victim.processHandle().pid() + ")")
                .hasMessageContaining("exited with status 137, killed by signal 9 (SIGKILL) during KV.get");
          });
      // end::killed-mid-call[]
      other.put("key", Drills.bytes("still here"));
      assertThat(new String(other.get("key"), StandardCharsets.UTF_8)).as("the other plugin, after the crash")
          .startsWith("still here");
    }
  }

  @ParameterizedTest(name = "{0} KV plugin")
  @EnumSource(names = {"JAVA", "GO"})
  @DisplayName("a plugin that stops answering fails the call at the host's call timeout, and kill still ends it")
  void pluginHangs(Language language) {
    PluginClient client = new PluginClient(config(language, "frozen").exitGrace(FROZEN_EXIT_GRACE).build());
    try (client) {
      KV kv = client.dispense(Plugins.KV, KV.class);
      kv.put("key", Drills.bytes("value"));
      Signals.stop(client.processHandle());

      // tag::frozen[]
      assertThatExceptionOfType(PluginCallException.class)
          .as("a call to a plugin frozen with SIGSTOP")
          .isThrownBy(() -> kv.get("key"))
          .satisfies(e -> assertThat(e.problem()).as("problem").isEqualTo(PluginCallException.Problem.NO_ANSWER_IN_TIME))
          .withMessageContaining("plugin \"frozen\"")
          .withMessageContaining("did not answer KV.get within " + CALL_TIMEOUT.toMillis() + " ms");
      // end::frozen[]
    }
    assertThat(client.exitStatus()).as("after kill, the frozen plugin has been destroyed: 128 + SIGKILL").hasValue(137);
  }

  @ParameterizedTest(name = "{0} KV plugin")
  @EnumSource(names = {"JAVA", "GO"})
  @DisplayName("a call to a plugin that already died says so, instead of a bare UNAVAILABLE")
  void callAfterDeath(Language language) {
    try (PluginClient client = kvPlugin(language, "gone")) {
      KV kv = client.dispense(Plugins.KV, KV.class);
      client.processHandle().destroyForcibly();

      assertThatExceptionOfType(PluginCallException.class)
          .as("a put after the plugin was killed")
          .isThrownBy(() -> kv.put("key", Drills.bytes("value")))
          .satisfies(e -> assertThat(e.exitStatus()).as("exit status").hasValue(137))
          .withMessageContaining("plugin \"gone\"")
          .withMessageContaining("during KV.put");
    }
  }

  @Test
  @DisplayName("an error the plugin answers with is the plugin's own, not a crash: PLUGIN_ERROR, gRPC's error its cause")
  void answeredErrorsAreThePluginsOwn() {
    try (PluginClient client = kvPlugin(Language.GO, "healthy")) {
      KV kv = client.dispense(Plugins.KV, KV.class);

      assertThatExceptionOfType(PluginCallException.class)
          .as("a get of a key never put")
          .isThrownBy(() -> kv.get("never-put"))
          .satisfies(e -> assertThat(e.problem()).as("problem").isEqualTo(PluginCallException.Problem.PLUGIN_ERROR))
          .satisfies(e -> assertThat(e.exitStatus()).as("exit status in the exception").isEmpty())
          .withCauseInstanceOf(io.grpc.StatusRuntimeException.class);
      assertThat(client.exitStatus()).as("the plugin is still running").isEmpty();
    }
  }

}
