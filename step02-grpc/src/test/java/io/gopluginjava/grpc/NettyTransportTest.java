package io.gopluginjava.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import io.gopluginjava.core.ClientConfig;
import io.gopluginjava.core.JavaCommand;
import io.gopluginjava.core.PluginClient;
import io.gopluginjava.step02.plugin.KvPluginMain;
import io.gopluginjava.step02.shared.KV;
import io.gopluginjava.step02.shared.KvGrpcPlugin;
import io.gopluginjava.step02.shared.Plugins;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which Netty transport a process uses. {@code mvn verify} runs these tests and the KV conversation a second time
 * with {@code GOPLUGIN_TRANSPORT=nio} (reliability's {@code OnNioTransportTest}), which the last test checks.
 */
@DisplayName("the Netty transport")
class NettyTransportTest {

  @TempDir Path dir;

  @Test
  @EnabledOnOs(OS.LINUX)
  @DisplayName("on Linux it is native epoll unless forced")
  void linuxIsEpoll() {
    assertThat(NettyTransport.choose(null)).as("the pick with the switch unset").isEqualTo(NettyTransport.EPOLL);
    assertThat(NettyTransport.choose("auto")).as("the pick with the switch at auto").isEqualTo(NettyTransport.EPOLL);
  }

  @Test
  @EnabledOnOs(OS.MAC)
  @DisplayName("on macOS it is native kqueue unless forced")
  void macIsKqueue() {
    assertThat(NettyTransport.choose(null)).as("the pick with the switch unset").isEqualTo(NettyTransport.KQUEUE);
  }

  @Test
  @DisplayName("the switch forces the JDK's NIO, which runs everywhere")
  void switchForcesNio() {
    assertThat(NettyTransport.choose("nio")).as("the pick for nio").isEqualTo(NettyTransport.NIO);
    assertThat(NettyTransport.choose(" NIO ")).as("the pick for NIO, spaced").isEqualTo(NettyTransport.NIO);
  }

  @Test
  @DisplayName("a switch set to anything else is refused, naming the values it takes")
  void unknownSwitchIsRefused() {
    assertThatIllegalStateException().isThrownBy(() -> NettyTransport.choose("io_uring"))
        .withMessageContaining("\"io_uring\"").withMessageContaining("\"auto\"").withMessageContaining("\"nio\"");
  }

  @Test
  @EnabledIfEnvironmentVariable(named = NettyTransport.ENV, matches = "nio")
  @DisplayName("with GOPLUGIN_TRANSPORT=nio the host and its plugin process both run on NIO, and talk")
  void forcedNioReachesThePlugin() {
    List<LogEntry> logs = new CopyOnWriteArrayList<>();
    try (PluginClient client = new PluginClient(ClientConfig.builder()
        .handshake(Plugins.HANDSHAKE)
        .plugin(Plugins.KV, new KvGrpcPlugin())
        .shellCommand(JavaCommand.shellLineIn(dir, KvPluginMain.class))
        .output(new HclogOutput((plugin, entry) -> logs.add(entry)))
        .startTimeout(Duration.ofSeconds(30))
        .build())) {
      KV kv = client.dispense(Plugins.KV, KV.class);
      kv.put("k", "over NIO".getBytes(StandardCharsets.UTF_8));

      assertThat(new String(kv.get("k"), StandardCharsets.UTF_8)).as("get after put")
          .startsWith("over NIO");
    }
    assertThat(NettyTransport.current()).as("the host's transport").isEqualTo(NettyTransport.NIO);
    assertThat(logs).as("the plugin's log").anyMatch(entry -> entry.message().equals("plugin address")
        && "nio".equals(entry.fields().get("transport")));
  }
}
