package io.gopluginjava.netrpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.gopluginjava.core.ClientConfig;
import io.gopluginjava.core.Handshake;
import io.gopluginjava.core.HandshakeException;
import io.gopluginjava.core.PluginCallException;
import io.gopluginjava.core.PluginClient;
import io.gopluginjava.core.PluginListener;
import io.gopluginjava.core.PluginServer;
import io.gopluginjava.core.ServeConfig;
import io.gopluginjava.core.UnknownPluginException;
import io.gopluginjava.core.tls.AutoMtlsCertificate;
import io.gopluginjava.step01.plugin.FileKv;
import io.gopluginjava.step01.plugin.GreeterHello;
import io.gopluginjava.step01.plugin.MemoryCounter;
import io.gopluginjava.step01.shared.Counter;
import io.gopluginjava.step01.shared.CounterNetRpcPlugin;
import io.gopluginjava.step01.shared.Greeter;
import io.gopluginjava.step01.shared.GreeterNetRpcPlugin;
import io.gopluginjava.step01.shared.Handshakes;
import io.gopluginjava.step01.shared.KV;
import io.gopluginjava.step01.shared.KvNetRpcPlugin;
import io.gopluginjava.testing.Await;
import io.gopluginjava.testing.CollectingOutput;
import io.gopluginjava.testing.InJvmPlugin;
import io.gopluginjava.yamux.ChannelStreams;
import io.gopluginjava.yamux.Session;
import io.gopluginjava.yamux.YamuxConfig;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.InputStreamReader;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintStream;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Java netrpc host against the Java netrpc plugin, served in this JVM by the test harness but reached as a process
 * is: handshake line, Unix socket, one yamux session, control stream, broker stream.
 */
@DisplayName("netrpc: Java host and Java plugin")
class NetRpcPluginTest {

  private final CollectingOutput output = new CollectingOutput();

  private PluginClient client() {
    return client(true, UnaryOperator.identity());
  }

  /** {@code pluginSees} changes the environment the plugin gets, e.g. to make a plugin that ignores AutoMTLS. */
  private PluginClient client(boolean autoMtls, UnaryOperator<Map<String, String>> pluginSees) {
    // tag::in-jvm-plugin[]
    return new PluginClient(ClientConfig.builder()
        .name("greeter")
        .handshake(Handshakes.GREETER)
        .output(output)
        .launcher(InJvmPlugin.of((env, stdout, stderr) -> PluginServer.serve(ServeConfig.of(
            Handshakes.GREETER,
            Map.of(Handshakes.GREETER_PLUGIN, new GreeterNetRpcPlugin(new GreeterHello()))), pluginSees.apply(env),
            stdout, stderr))) // in place of .command(...)
        .plugin(Handshakes.GREETER_PLUGIN, new GreeterNetRpcPlugin())
        .autoMtls(autoMtls)
        .build());
    // end::in-jvm-plugin[]
  }

  @Test
  @DisplayName("the plugin announces netrpc and its AutoMTLS certificate, the host dispenses the greeter through a"
      + " broker id over TLS, and greet() is Hello!")
  void greets() {
    try (PluginClient client = client()) {
      assertThat(client.start().protocol()).as("the protocol in the handshake line").isEqualTo("netrpc");
      assertThat(AutoMtlsCertificate.fromHandshakeField(client.handshake().serverCert()).getSubjectX500Principal()
          .getName()).as("the plugin's certificate in field 6").isEqualTo("CN=localhost,O=HashiCorp");
      Greeter greeter = client.dispense(Handshakes.GREETER_PLUGIN, Greeter.class);
      assertThat(greeter.greet()).as("the greeting over net/rpc + gob + yamux").isEqualTo("Hello!");
      assertThat(greeter.greet()).as("a second call on the same stream").isEqualTo("Hello!");
      client.ping();
    }
  }

  @Test
  @DisplayName("with AutoMTLS off, the host passes no certificate, field 6 stays empty and the session is plain")
  void greetsWithoutTls() {
    try (PluginClient client = client(false, UnaryOperator.identity())) {
      assertThat(client.start().serverCert()).as("field 6 without AutoMTLS").isEmpty();
      assertThat(client.dispense(Handshakes.GREETER_PLUGIN, Greeter.class).greet()).as("the greeting").isEqualTo("Hello!");
    }
  }

  @Test
  @DisplayName("a host with AutoMTLS refuses a plugin that ignored PLUGIN_CLIENT_CERT, naming field 6, and stops it")
  void pluginWithoutCertificateIsRefused() {
    PluginClient client = client(true, env -> {
      Map<String, String> without = new HashMap<>(env);
      without.remove(AutoMtlsCertificate.CLIENT_CERT_ENV);
      return without;
    });
    try (client) {
      assertThatExceptionOfType(HandshakeException.class).isThrownBy(client::start)
          .withMessageContaining("announced no certificate in field 6: it ignored PLUGIN_CLIENT_CERT");
    }
    assertThat(client.exitStatus()).as("the refused plugin's exit").isPresent();
  }

  @Test
  @DisplayName("a plugin given a PLUGIN_CLIENT_CERT that is no certificate says so on stderr and exits 1, before its"
      + " handshake line")
  void badClientCertificateIsRefused() {
    ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    int status = PluginServer.serve(ServeConfig.of(Handshakes.GREETER, Map.of()),
        Map.of("BASIC_PLUGIN", "hello", "PLUGIN_PROTOCOL_VERSIONS", "1",
            AutoMtlsCertificate.CLIENT_CERT_ENV, "-----BEGIN CERTIFICATE-----\nbm90IGEgY2VydA==\n-----END CERTIFICATE-----"),
        new PrintStream(stdout, true, StandardCharsets.UTF_8), new PrintStream(stderr, true, StandardCharsets.UTF_8));
    assertThat(status).as("the plugin's exit status").isEqualTo(1);
    assertThat(stdout.toString(StandardCharsets.UTF_8)).as("stdout: no handshake line").isEmpty();
    assertThat(stderr.toString(StandardCharsets.UTF_8)).as("what the plugin said")
        .contains("PLUGIN_CLIENT_CERT is not a PEM certificate")
        .contains("unset it to serve without TLS");
  }

  @Test
  @DisplayName("kill() asks first: the plugin hears Control.Quit and exits by itself with status 0, not destroyed")
  void killAsksThePluginToQuit() {
    PluginClient client = client(false, UnaryOperator.identity());
    client.start();
    client.kill();
    assertThat(client.exitStatus()).as("the plugin's exit status after kill() (what the host heard: %s)",
        output.lines()).hasValue(0);
    assertThat(output.lines()).as("the host's notes: no failed Control.Quit")
        .noneMatch(line -> line.contains("Control.Quit failed"));
  }

  @Test
  @DisplayName("Control.Quit ends the plugin with exit status 0, and no session, broker or stream thread outlives it")
  void quits() {
    PluginClient client = client();
    client.dispense(Handshakes.GREETER_PLUGIN, Greeter.class).greet();
    client.kill();
    assertThat(client.exitStatus()).as("the plugin's exit status after Control.Quit").hasValue(0);
    assertThat(Await.until(() -> wireThreads().isEmpty(), Duration.ofSeconds(10)))
        .as("threads of the wire still alive: %s", wireThreads()).isTrue();
  }

  private static List<String> wireThreads() {
    return Thread.getAllStackTraces().keySet().stream().map(Thread::getName)
        .filter(name -> name.startsWith("yamux-") || name.startsWith("netrpc-")).toList();
  }

  @Test
  @DisplayName("a name the plugin does not serve comes back as net/rpc's error, naming what it serves")
  void unknownOnThePluginSide() {
    PluginClient client = new PluginClient(ClientConfig.builder()
        .name("greeter").handshake(Handshakes.GREETER).output(output)
        .launcher(InJvmPlugin.of((env, stdout, stderr) -> PluginServer.serve(ServeConfig.of(
            Handshakes.GREETER, Map.of()), env, stdout, stderr)))
        .plugins(Map.of(Handshakes.GREETER_PLUGIN, new GreeterNetRpcPlugin())).build());
    try (client) {
      assertThatExceptionOfType(NetRpcException.class)
          .isThrownBy(() -> client.dispense(Handshakes.GREETER_PLUGIN, Object.class))
          .withMessageContaining("Dispenser.Dispense with an error: unknown plugin \"greeter\"; this plugin serves []");
    }
  }

  @Test
  @DisplayName("a plugin whose host hangs up without Control.Quit ends serving with status 0")
  void hostHangsUp() throws Exception {
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    PipedOutputStream lines = new PipedOutputStream();
    BufferedReader handshake = new BufferedReader(new InputStreamReader(new PipedInputStream(lines),
        StandardCharsets.UTF_8));
    Map<String, String> env = Map.of("BASIC_PLUGIN", "hello", "PLUGIN_PROTOCOL_VERSIONS", "1");
    CompletableFuture<Integer> serving = CompletableFuture.supplyAsync(() -> PluginServer.serve(
        ServeConfig.of(Handshakes.GREETER, Map.of()), env, new PrintStream(lines, true, StandardCharsets.UTF_8),
        new PrintStream(printed, true, StandardCharsets.UTF_8)));
    serving.whenComplete((status, failure) -> {
      try {
        lines.close(); // a serve that ends before its handshake line must not leave readLine waiting
      } catch (java.io.IOException ignored) {
        // closed already
      }
    });
    String first = handshake.readLine();
    if (first == null) {
      serving.join(); // serve's own failure, with its message (a TODO piece's, say)
    }
    assertThat(first).as("the handshake line (serve returned %s)", serving.getNow(null)).isNotNull();
    Handshake line = Handshake.parse(first);
    SocketChannel channel = PluginListener.connect(line.network(), line.address());
    Session session = Session.client(ChannelStreams.input(channel), ChannelStreams.output(channel), channel,
        YamuxConfig.DEFAULT);
    for (int i = 0; i < 3; i++) {
      session.open(); // control, stdout, stderr, as go-plugin's host opens them
    }
    session.close();
    assertThat(serving.get(10, TimeUnit.SECONDS)).as("serve's exit status once the host is gone").isZero();
  }

  @Test
  @DisplayName("go-plugin's KV over netrpc, Java to Java: Put's map of interface values and Get's []byte arrive whole,"
      + " and a key never put is the plugin's error")
  void kv(@TempDir Path dir) {
    PluginClient client = new PluginClient(ClientConfig.builder()
        .name("kv").handshake(Handshakes.GREETER).output(output)
        .launcher(InJvmPlugin.of((env, stdout, stderr) -> PluginServer.serve(ServeConfig.of(
            Handshakes.GREETER, Map.of(Handshakes.KV_PLUGIN, new KvNetRpcPlugin(new FileKv(dir)))), env, stdout,
            stderr)))
        .plugins(Map.of(Handshakes.KV_PLUGIN, new KvNetRpcPlugin())).build());
    try (client) {
      KV kv = client.dispense(Handshakes.KV_PLUGIN, KV.class);
      byte[] big = new byte[300_000]; // more than a yamux window: the value crosses window updates
      new java.util.Random(7).nextBytes(big);
      kv.put("big", big);
      byte[] stored = kv.get("big");
      assertThat(java.util.Arrays.copyOf(stored, big.length)).as("the value read back").isEqualTo(big);
      assertThat(new String(stored, big.length, stored.length - big.length, StandardCharsets.UTF_8))
          .as("what the plugin appends").isEqualTo("\n\nWritten from plugin-java-netrpc");
      assertThatExceptionOfType(PluginCallException.class).isThrownBy(() -> kv.get("missing"))
          .withMessageContaining("Plugin.Get with an error: no value for key \"missing\"")
          .satisfies(e -> assertThat(e.problem()).as("problem").isEqualTo(PluginCallException.Problem.PLUGIN_ERROR))
          .withCauseInstanceOf(NetRpcException.class);
    }
  }

  @Test
  @DisplayName("a plugin calls its host back through the MuxBroker: each put hands the plugin a fresh broker id where"
      + " the host serves its AddHelper, and a helper's failure comes back as the put's error")
  void counterCallsTheHostBack() {
    PluginClient client = new PluginClient(ClientConfig.builder()
        .name("counter").handshake(Handshakes.GREETER).output(output)
        .launcher(InJvmPlugin.of((env, stdout, stderr) -> PluginServer.serve(ServeConfig.of(
            Handshakes.GREETER, Map.of(Handshakes.COUNTER_PLUGIN, new CounterNetRpcPlugin(new MemoryCounter()))), env,
            stdout, stderr)))
        .plugins(Map.of(Handshakes.COUNTER_PLUGIN, new CounterNetRpcPlugin())).build());
    try (client) {
      Counter counter = client.dispense(Handshakes.COUNTER_PLUGIN, Counter.class);
      List<String> calls = new java.util.concurrent.CopyOnWriteArrayList<>();
      for (long n : new long[] {5, 10, 27}) {
        counter.put("c", n, (a, b) -> {
          calls.add(a + "+" + b);
          return a + b;
        });
      }
      assertThat(counter.get("c")).as("the count").isEqualTo(42);
      assertThat(calls).as("the plugin's calls to the host's helper").containsExactly("0+5", "5+10", "15+27");
      assertThatExceptionOfType(PluginCallException.class)
          .isThrownBy(() -> counter.put("c", 1, (a, b) -> {
            throw new ArithmeticException("the host refuses to add");
          }))
          .withMessageContaining("Plugin.Put with an error")
          .withMessageContaining("the host refuses to add");
      assertThat(counter.get("c")).as("the count after the refused put").isEqualTo(42);
    }
  }

  @Test
  @DisplayName("a name the host does not know is refused before anything is sent")
  void unknownOnTheHostSide() {
    try (PluginClient client = client()) {
      assertThatExceptionOfType(UnknownPluginException.class).isThrownBy(() -> client.dispense("kv", Object.class))
          .withMessageContaining("this host knows [greeter]");
    }
  }
}
