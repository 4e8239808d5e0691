package io.gopluginjava.step01;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.gopluginjava.core.ClientConfig;
import io.gopluginjava.core.Handshake;
import io.gopluginjava.core.HandshakeException;
import io.gopluginjava.core.Network;
import io.gopluginjava.core.PluginClient;
import io.gopluginjava.core.PluginServer;
import io.gopluginjava.core.PluginStartException;
import io.gopluginjava.core.ServeConfig;
import io.gopluginjava.core.UnknownPluginException;
import io.gopluginjava.netrpc.MuxBroker;
import io.gopluginjava.netrpc.NetRpcClient;
import io.gopluginjava.netrpc.NetRpcException;
import io.gopluginjava.netrpc.NetRpcMethod;
import io.gopluginjava.netrpc.NetRpcPlugin;
import io.gopluginjava.netrpc.NetRpcPluginServer;
import io.gopluginjava.step01.plugin.GreeterHello;
import io.gopluginjava.step01.shared.Greeter;
import io.gopluginjava.step01.shared.GreeterNetRpcPlugin;
import io.gopluginjava.step01.shared.Handshakes;
import io.gopluginjava.testing.CollectingOutput;
import io.gopluginjava.testing.InJvmPlugin;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The host's {@link PluginClient} and the plugin's {@link NetRpcPluginServer}, the same code a plugin process
 * runs, connected in this JVM by the test harness {@link InJvmPlugin}: the handshake line, a real socket, one yamux
 * session. What only a process shows is in {@code GreeterPluginProcessTest}.
 */
@DisplayName("the Greeter plugin and its host")
class GreeterPluginTest {

  @TempDir Path socketParent;
  /** The plugins the host knows (AutoMTLS off: it is NetRpcPluginTest's subject). */
  private final Map<String, NetRpcPlugin<?>> hostPlugins =
      new HashMap<>(Map.of(Handshakes.GREETER_PLUGIN, new GreeterNetRpcPlugin()));
  private PluginClient client;

  /** A host of the Greeter, whose plugin speaks {@code pluginVersions} and is served in this JVM. */
  private static ClientConfig.Builder greeter(List<Integer> pluginVersions) {
    ServeConfig.Builder plugin = ServeConfig.builder().handshake(Handshakes.GREETER);
    for (int version : pluginVersions) {
      plugin.versionedPlugins(version, Map.of(Handshakes.GREETER_PLUGIN, new GreeterNetRpcPlugin(new GreeterHello())));
    }
    return ClientConfig.builder()
        .name(Handshakes.GREETER_PLUGIN)
        .handshake(Handshakes.GREETER)
        .launcher(InJvmPlugin.serving(plugin.build())); // in place of .command(...)
  }

  private static ClientConfig.Builder greeter() {
    return greeter(List.of(Handshakes.GREETER.protocolVersion()));
  }

  private PluginClient start(ClientConfig.Builder config) {
    client = new PluginClient(config.plugins(hostPlugins).autoMtls(false).build());
    return client;
  }

  /** A host that offers {@code versions}, with the same plugins for each (go-plugin's VersionedPlugins). */
  private PluginClient startOffering(ClientConfig.Builder config, int... versions) {
    for (int version : versions) {
      config.versionedPlugins(version, hostPlugins);
    }
    client = new PluginClient(config.autoMtls(false).build());
    return client;
  }

  @AfterEach
  void killPlugin() {
    if (client != null) {
      client.kill();
    }
  }

  @Test
  @DisplayName("the host dispenses the greeter and greets through the plugin")
  void greetsThroughThePlugin() {
    Greeter greeter = start(greeter()).dispense("greeter", Greeter.class);

    assertThat(greeter.greet()).as("greeting from the plugin").isEqualTo("Hello!");
  }

  @Test
  @DisplayName("the plugin listens on a Unix socket by default, and removes it when it ends")
  void unixSocketIsRemovedOnExit() {
    Handshake handshake = start(greeter()).start();
    Path socket = Path.of(handshake.address());
    assertThat(handshake.network()).as("network").isEqualTo("unix");
    assertThat(Files.exists(socket)).as("socket file %s while the plugin runs", socket).isTrue();

    client.kill();

    assertThat(Files.exists(socket)).as("socket file %s after kill", socket).isFalse();
  }

  @Test
  @DisplayName("asked for TCP, the plugin listens on 127.0.0.1 within PLUGIN_MIN_PORT..PLUGIN_MAX_PORT")
  void tcpWithinThePortRange() {
    Handshake handshake = start(greeter().network(Network.TCP)).start();

    assertThat(handshake.network()).as("network").isEqualTo("tcp");
    assertThat(handshake.address()).as("address").startsWith("127.0.0.1:");
    assertThat(Integer.parseInt(handshake.address().substring("127.0.0.1:".length()))).as("port")
        .isBetween(10000, 25000);
    assertThat(client.dispense("greeter", Greeter.class).greet()).as("greeting over TCP").isEqualTo("Hello!");
  }

  @Test
  @DisplayName("dispense refuses a name the host does not know, and lists the names it does")
  void dispenseUnknownName() {
    start(greeter());

    assertThatExceptionOfType(UnknownPluginException.class)
        .isThrownBy(() -> client.dispense("greter", Object.class))
        .withMessage("unknown plugin \"greter\"; this host knows [greeter]");
  }

  @Test
  @DisplayName("the plugin refuses a name the host knows but the plugin does not serve")
  void pluginRefusesAnUnservedName() {
    hostPlugins.put("farewell", new GreeterNetRpcPlugin());
    start(greeter());

    assertThatExceptionOfType(NetRpcException.class)
        .isThrownBy(() -> client.dispense("farewell", Object.class))
        .withMessageContaining("unknown plugin \"farewell\"; this plugin serves [greeter]");
  }

  @Test
  @DisplayName("kill asks the plugin to quit with Control.Quit, and its serve returns status 0")
  void killIsGraceful() {
    CollectingOutput output = new CollectingOutput();
    start(greeter().output(output)).dispense("greeter", Greeter.class).greet();

    client.kill();

    assertThat(client.exitStatus()).as("the status serve returned after Control.Quit (what the host heard: %s)",
        output.lines()).hasValue(0);
  }

  @Test
  @DisplayName("a plugin that speaks versions 1 to 3 serves the highest one the host offers")
  void negotiatesTheHighestCommonVersion() {
    Handshake handshake = startOffering(greeter(List.of(1, 2, 3)), 2, 5).start();

    assertThat(handshake.appVersion()).as("app version for a host offering [2, 5]").isEqualTo(2);
  }

  @Test
  @DisplayName("a host with a plugin set per version dispenses from the set of the version the plugin chose, and its"
      + " client factory is told that version")
  void dispensesFromTheNegotiatedVersionsSet() {
    List<Integer> versionsSeen = new ArrayList<>();
    GreeterNetRpcPlugin greeter = new GreeterNetRpcPlugin();
    NetRpcPlugin<Greeter> greeterV2 = new NetRpcPlugin<>() {
      @Override
      public Map<String, NetRpcMethod> server(MuxBroker broker) {
        return greeter.server(broker);
      }

      @Override
      public Greeter client(MuxBroker broker, NetRpcClient rpc) {
        throw new AssertionError("the host must ask for version 2's client with its version");
      }

      @Override
      public Greeter client(MuxBroker broker, NetRpcClient rpc, int version) {
        versionsSeen.add(version);
        return greeter.client(broker, rpc);
      }
    };
    client = new PluginClient(greeter(List.of(1, 2))
        .versionedPlugins(1, Map.of(Handshakes.GREETER_PLUGIN, new GreeterNetRpcPlugin(), "v1-only",
            new GreeterNetRpcPlugin()))
        .versionedPlugins(2, Map.of(Handshakes.GREETER_PLUGIN, greeterV2))
        .autoMtls(false).build());

    String greeting = client.dispense(Handshakes.GREETER_PLUGIN, Greeter.class).greet();

    assertThat(client.negotiatedVersion()).as("the version the plugin chose of the host's [1, 2]").isEqualTo(2);
    assertThat(versionsSeen).as("the versions version 2's client factory was asked for").containsExactly(2);
    assertThat(greeting).as("the greeting through version 2's client").isEqualTo(new GreeterHello().greet());
    assertThatExceptionOfType(UnknownPluginException.class)
        .as("a name only version 1's set has")
        .isThrownBy(() -> client.dispense("v1-only", Greeter.class))
        .withMessageContaining("v1-only");
  }

  @Test
  @DisplayName("with no version in common the host refuses the plugin, naming what it offered, and ends it")
  void refusesWithoutACommonVersion() {
    startOffering(greeter(List.of(1, 2, 3)), 4, 5);

    assertThatExceptionOfType(HandshakeException.class)
        .isThrownBy(client::start)
        .withMessageContaining("the plugin chose version 1, but this host offered [4, 5]");
    assertThat(client.exitStatus()).as("the refused plugin has been ended").isNotEmpty();
  }

  @Test
  @DisplayName("the host's PLUGIN_UNIX_SOCKET_GROUP and dir reach the plugin: its socket is in that dir, with that group and mode 0660")
  void groupReachesThePlugin() throws Exception {
    int gid = (Integer) Files.getAttribute(socketParent, "unix:gid");

    Greeter greeter = start(greeter().unixSocketGroup(String.valueOf(gid)).unixSocketDir(socketParent))
        .dispense("greeter", Greeter.class);
    Path socket = Path.of(client.handshake().address());

    assertThat(greeter.greet()).as("greeting").isEqualTo("Hello!");
    assertThat(socket.getParent().getParent()).as("the socket's directory's parent").isEqualTo(socketParent);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(socket))).as("socket mode")
        .isEqualTo("rw-rw----");
    assertThat(Files.getAttribute(socket, "unix:gid")).as("socket gid").isEqualTo(gid);
  }

  @Test
  @DisplayName("a PLUGIN_UNIX_SOCKET_GROUP the plugin's system does not know ends it with an error the host reports")
  void unknownGroupIsReported() {
    PluginClient plugin = start(greeter().unixSocketGroup("no-such-group-x9").unixSocketDir(socketParent));

    assertThatExceptionOfType(PluginStartException.class).isThrownBy(plugin::start)
        .satisfies(e -> assertThat(e.problem()).as("problem").isEqualTo(PluginStartException.Problem.EXITED_BEFORE_HANDSHAKE))
        .withMessageContaining("exited with status 1")
        .withMessageContaining("PLUGIN_UNIX_SOCKET_GROUP=no-such-group-x9 is neither a numeric gid nor a group");
  }

  @Test
  @DisplayName("serve without the magic cookie prints go-plugin's message on stderr, no handshake, and returns 1")
  void serveRefusesWithoutTheCookie() {
    ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    ByteArrayOutputStream stderr = new ByteArrayOutputStream();

    int status = PluginServer.serve(ServeConfig.of(Handshakes.GREETER,
            Map.of(Handshakes.GREETER_PLUGIN, new GreeterNetRpcPlugin(new GreeterHello()))),
        Map.of("BASIC_PLUGIN", "not-hello"), new PrintStream(stdout, true, StandardCharsets.UTF_8),
        new PrintStream(stderr, true, StandardCharsets.UTF_8));

    assertThat(status).as("serve's status").isEqualTo(1);
    assertThat(stderr.toString(StandardCharsets.UTF_8)).as("what a person sees").isEqualTo(
        "This binary is a plugin. These are not meant to be executed directly.\n"
            + "Please execute the program that consumes these plugins, which will\n"
            + "load any plugins automatically\n");
    assertThat(stdout.toString(StandardCharsets.UTF_8)).as("stdout: no handshake line").isEmpty();
  }
}
