package io.gopluginjava.step02;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.gopluginjava.core.ClientConfig;
import io.gopluginjava.core.JavaCommand;
import io.gopluginjava.core.Network;
import io.gopluginjava.core.PluginCallException;
import io.gopluginjava.core.PluginClient;
import io.gopluginjava.core.ProcessNotFoundException;
import io.gopluginjava.core.Protocol;
import io.gopluginjava.core.ReattachConfig;
import io.gopluginjava.grpc.HclogOutput;
import io.gopluginjava.grpc.LogEntry;
import io.gopluginjava.step02.plugin.KvPluginMain;
import io.gopluginjava.step02.shared.KV;
import io.gopluginjava.step02.shared.KvGrpcPlugin;
import io.gopluginjava.step02.shared.Plugins;
import io.gopluginjava.testing.Await;
import io.grpc.StatusRuntimeException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** go-plugin's ReattachConfig: a second host uses a plugin the first one started, by its address and pid. */
@DisplayName("a host reattaches to a plugin that is already running")
class ReattachTest {

  @TempDir Path workDir;
  private PluginClient first;
  private PluginClient second;

  private final List<LogEntry> logs = new CopyOnWriteArrayList<>();

  private ClientConfig.Builder kv() {
    return ClientConfig.builder()
        .handshake(Plugins.HANDSHAKE)
        .plugin(Plugins.KV, new KvGrpcPlugin())
        .output(new HclogOutput((plugin, entry) -> logs.add(entry)));
  }

  /** The plugin a first host starts; without AutoMTLS, which go-plugin cannot reattach to either. */
  private ReattachConfig startFirst() {
    first = new PluginClient(kv().shellCommand(JavaCommand.shellLineIn(workDir, KvPluginMain.class))
        .autoMtls(false).startTimeout(Duration.ofSeconds(30)).build());
    return first.reattachConfig();
  }

  @AfterEach
  void kill() {
    if (second != null) {
      second.kill();
    }
    if (first != null) {
      first.kill();
    }
  }

  @Test
  @DisplayName("a second host reattaches with the first one's ReattachConfig, uses the plugin, and its kill ends it")
  void reattachUseAndKill() {
    ReattachConfig running = startFirst();
    second = new PluginClient(kv().reattach(running).build());

    KV kv = second.dispense(Plugins.KV, KV.class);
    kv.put("k", "v".getBytes(StandardCharsets.UTF_8));

    assertThat(running.pid()).as("the pid handed out").isEqualTo(first.processHandle().pid());
    assertThat(running).as("handed out").extracting(ReattachConfig::protocol, ReattachConfig::network,
        ReattachConfig::address, ReattachConfig::test)
        .containsExactly(Protocol.GRPC, Network.UNIX, first.handshake().address(), false);
    assertThat(new String(kv.get("k"), StandardCharsets.UTF_8)).as("get through the second host")
        .isEqualTo("v\n\nWritten from plugin-java");
    assertThat(second.reattachConfig()).as("a reattached client hands out what it was given").isEqualTo(running);
    assertThat(second.processHandle().pid()).as("the second host's plugin pid").isEqualTo(running.pid());

    second.kill();

    assertThat(ProcessHandle.of(running.pid()).filter(ProcessHandle::isAlive)).as("the plugin after the kill").isEmpty();
    assertThat(Await.until(() -> first.exitStatus().isPresent(), Duration.ofSeconds(5))).as("exit seen by its parent")
        .isTrue();
    assertThat(first.exitStatus()).as("status: shut down through GRPCController, not killed (what the hosts heard: %s)",
        logs).isEqualTo(OptionalInt.of(0));
  }

  @Test
  @DisplayName("in test mode a reattached host's kill closes only its own connection: the plugin keeps running")
  void testModeLeavesThePluginRunning() {
    // The first host serves the plugin in this JVM: the pid handed out is this JVM's, which runs for sure.
    first = new PluginClient(KvPluginTest.kv(workDir).autoMtls(false).build());
    ReattachConfig running = first.reattachConfig();
    ReattachConfig testMode = new ReattachConfig(running.protocol(), running.protocolVersion(), running.network(),
        running.address(), running.pid(), true);
    second = new PluginClient(kv().reattach(testMode).build());
    second.dispense(Plugins.KV, KV.class).put("k", "v".getBytes(StandardCharsets.UTF_8));

    second.kill();

    assertThat(first.exitStatus()).as("the plugin's exit status after the test-mode kill: none, it still serves")
        .isEmpty();
    assertThat(new String(first.dispense(Plugins.KV, KV.class).get("k"), StandardCharsets.UTF_8))
        .as("the first host still gets through").startsWith("v");
  }

  @Test
  @DisplayName("a reattach to a pid that is not running is refused, naming the pid, before any connection attempt")
  void deadPidIsRefused() throws Exception {
    Process gone = new ProcessBuilder("true").start();
    gone.waitFor();
    Path socket = workDir.resolve("plugin.sock");
    try (ServerSocketChannel listening = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
      listening.bind(UnixDomainSocketAddress.of(socket));
      listening.configureBlocking(false);
      second = new PluginClient(kv().reattach(
          new ReattachConfig(Protocol.GRPC, 1, Network.UNIX, socket.toString(), gone.pid(), false)).build());

      assertThatExceptionOfType(ProcessNotFoundException.class).isThrownBy(second::start)
          .satisfies(e -> assertThat(e.pid()).as("pid").isEqualTo(gone.pid()))
          .withMessageContaining("pid " + gone.pid() + ") is not running");
      assertThat(listening.accept()).as("a connection to the plugin's address").isNull();
    }
  }

  @Test
  @DisplayName("through a reattached plugin every call failure is a PluginCallException: an error it answered, and a"
      + " call after it died (whose status only its parent knows)")
  void reattachedFailuresArePluginCallExceptions() {
    ReattachConfig running = startFirst();
    second = new PluginClient(kv().reattach(running).build());
    KV kv = second.dispense(Plugins.KV, KV.class);

    assertThatExceptionOfType(PluginCallException.class).as("a get of a key never put")
        .isThrownBy(() -> kv.get("never-put"))
        .satisfies(e -> assertThat(e.problem()).as("problem").isEqualTo(PluginCallException.Problem.PLUGIN_ERROR))
        .withCauseInstanceOf(StatusRuntimeException.class);

    first.processHandle().destroyForcibly();
    assertThat(first.processHandle().onExit().completeOnTimeout(null, 10, TimeUnit.SECONDS).join())
        .as("the plugin after SIGKILL").isNotNull();

    assertThatExceptionOfType(PluginCallException.class).as("a get after the plugin died")
        .isThrownBy(() -> kv.get("k"))
        .satisfies(e -> assertThat(e.problem()).as("problem").isIn(PluginCallException.Problem.PLUGIN_EXITED,
            PluginCallException.Problem.UNREACHABLE));
  }
}
