package io.gopluginjava.step04;

import static org.assertj.core.api.Assertions.assertThat;

import io.gopluginjava.core.ClientConfig;
import io.gopluginjava.core.Network;
import io.gopluginjava.core.PluginClient;
import io.gopluginjava.step02.shared.KV;
import io.gopluginjava.step02.shared.KvGrpcPlugin;
import io.gopluginjava.step03.shared.Counter;
import io.gopluginjava.step03.shared.CounterGrpcPlugin;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The contract is the wire: every host loads every plugin, whatever the languages, with go-plugin's real Go code on
 * the Go side. Each cell of {@link Matrix} is one run on real processes.
 */
@DisplayName("the polyglot matrix: hosts and plugins in Java, Python and Go")
class PolyglotMatrixTest {

  @TempDir Path workDir;

  static Stream<Arguments> javaHostKv() {
    return Matrix.of(Language.JAVA, "KV");
  }

  static Stream<Arguments> goHostKv() {
    return Matrix.of(Language.GO, "KV");
  }

  static Stream<Arguments> javaHostCounter() {
    return Matrix.of(Language.JAVA, "Counter");
  }

  static Stream<Arguments> goHostCounter() {
    return Matrix.of(Language.GO, "Counter");
  }

  private ClientConfig.Builder javaHost(String pluginCommand, String network, boolean mtls) {
    return ClientConfig.builder()
        .handshake(io.gopluginjava.step02.shared.Plugins.HANDSHAKE)
        .shellCommand(pluginCommand)
        .network(Network.parse(network))
        .autoMtls(mtls)
        .startTimeout(Duration.ofSeconds(30));
  }

  @ParameterizedTest(name = "{0} host → {1} KV plugin over {2}, AutoMTLS {3}")
  @MethodSource("javaHostKv")
  @DisplayName("the Java host puts and gets through a KV plugin in any language")
  void javaHostKv(Language host, Language plugin, String network, boolean mtls) {
    try (PluginClient client = new PluginClient(javaHost(plugin.kvPlugin(workDir), network, mtls)
        .plugin(io.gopluginjava.step02.shared.Plugins.KV, new KvGrpcPlugin()).build())) {
      KV kv = client.dispense(io.gopluginjava.step02.shared.Plugins.KV, KV.class);

      kv.put("hello", "world".getBytes(StandardCharsets.UTF_8));

      assertThat(new String(kv.get("hello"), StandardCharsets.UTF_8)).as("get after put, from the %s plugin", plugin)
          .isEqualTo("world" + plugin.kvSignature());
      assertThat(client.handshake().network()).as("the network the plugin listens on").isEqualTo(network);
    }
  }

  @ParameterizedTest(name = "{0} host → {1} KV plugin over {2}, AutoMTLS {3}")
  @MethodSource("goHostKv")
  @DisplayName("go-plugin's Go host puts and gets through a KV plugin in any language")
  void goHostKv(Language host, Language plugin, String network, boolean mtls) throws Exception {
    Map<String, String> env = Map.of("KV_PLUGIN", plugin.kvPlugin(workDir), "KV_AUTO_MTLS", String.valueOf(mtls));

    GoHost.Run put = GoHost.run(workDir, env, "kv", "put", "hello", "world");
    GoHost.Run get = GoHost.run(workDir, env, "kv", "get", "hello");

    assertThat(put.exitStatus()).as("kv put through the %s plugin: %s", plugin, put).isZero();
    assertThat(get.stdout()).as("kv get through the %s plugin: %s", plugin, get)
        .isEqualTo("world" + plugin.kvSignature() + "\n");
  }

  @ParameterizedTest(name = "{0} host → {1} Counter plugin over {2}, AutoMTLS {3}")
  @MethodSource("javaHostCounter")
  @DisplayName("the Java host's AddHelper is called back by a Counter plugin in another language")
  void javaHostCounter(Language host, Language plugin, String network, boolean mtls) {
    try (PluginClient client = new PluginClient(javaHost(plugin.counterPlugin(workDir), network, mtls)
        .plugin(io.gopluginjava.step03.shared.Plugins.COUNTER, new CounterGrpcPlugin())
        .build())) {
      Counter counter = client.dispense(io.gopluginjava.step03.shared.Plugins.COUNTER, Counter.class);

      counter.put("a", 5, Math::addExact);
      counter.put("a", 3, (a, b) -> a + b + 100);

      assertThat(counter.get("a")).as("5, then 5+3 plus the host's extra 100: the host did the sums").isEqualTo(108);
    }
  }

  @ParameterizedTest(name = "{0} host → {1} Counter plugin over {2}, AutoMTLS {3}")
  @MethodSource("goHostCounter")
  @DisplayName("go-plugin's Go host's AddHelper is called back by the Java Counter plugin")
  void goHostCounter(Language host, Language plugin, String network, boolean mtls) throws Exception {
    Map<String, String> env = Map.of("COUNTER_PLUGIN", plugin.counterPlugin(workDir),
        "COUNTER_AUTO_MTLS", String.valueOf(mtls));

    GoHost.Run first = GoHost.run(workDir, env, "counter", "put", "a", "5");
    GoHost.Run second = GoHost.run(workDir, env, "counter", "put", "a", "3");
    GoHost.Run get = GoHost.run(workDir, env, "counter", "get", "a");

    assertThat(first.exitStatus()).as("counter put a 5: %s", first).isZero();
    assertThat(second.exitStatus()).as("counter put a 3: %s", second).isZero();
    assertThat(get.stdout()).as("counter get a: %s", get).isEqualTo("8\n");
  }

  @ParameterizedTest(name = "AutoMTLS {0}")
  @ValueSource(booleans = {true, false})
  @DisplayName("go-plugin's Go host with GRPCBrokerMultiplex loads the Java Counter: the callback rides the one"
      + " connection, knocked for")
  void goHostMultiplexesJavaCounter(boolean mtls) throws Exception {
    Map<String, String> env = Map.of("COUNTER_PLUGIN", Language.JAVA.counterPlugin(workDir),
        "COUNTER_AUTO_MTLS", String.valueOf(mtls), "COUNTER_MULTIPLEX", "true");

    GoHost.Run first = GoHost.run(workDir, env, "counter", "put", "a", "5");
    GoHost.Run second = GoHost.run(workDir, env, "counter", "put", "a", "3");
    GoHost.Run get = GoHost.run(workDir, env, "counter", "get", "a");

    assertThat(first.exitStatus()).as("multiplexed counter put a 5: %s", first).isZero();
    assertThat(second.exitStatus()).as("multiplexed counter put a 3: %s", second).isZero();
    assertThat(get.stdout()).as("multiplexed counter get a: %s", get).isEqualTo("8\n");
  }

  @ParameterizedTest(name = "AutoMTLS {0}")
  @ValueSource(booleans = {true, false})
  @DisplayName("the Java host with multiplexing loads go-plugin's Go Counter: its AddHelper is called back over a"
      + " knocked yamux stream")
  void javaHostMultiplexesGoCounter(boolean mtls) {
    try (PluginClient client = new PluginClient(javaHost(Language.GO.counterPlugin(workDir), "unix", mtls)
        .plugin(io.gopluginjava.step03.shared.Plugins.COUNTER, new CounterGrpcPlugin())
        .multiplex(true)
        .build())) {
      Counter counter = client.dispense(io.gopluginjava.step03.shared.Plugins.COUNTER, Counter.class);

      counter.put("a", 5, Math::addExact);
      counter.put("a", 3, (a, b) -> a + b + 100);

      assertThat(client.handshake().multiplex()).as("the Go plugin's handshake field 7").isTrue();
      assertThat(counter.get("a")).as("5, then 5+3 plus the host's extra 100, multiplexed").isEqualTo(108);
    }
  }
}
