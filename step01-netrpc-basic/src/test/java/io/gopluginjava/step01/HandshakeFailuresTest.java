package io.gopluginjava.step01;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.gopluginjava.core.ClientConfig;
import io.gopluginjava.core.HandshakeConfig;
import io.gopluginjava.core.HandshakeException;
import io.gopluginjava.core.HandshakeException.Problem;
import io.gopluginjava.core.JavaCommand;
import io.gopluginjava.core.PluginClient;
import io.gopluginjava.core.PluginStartException;
import io.gopluginjava.core.Protocol;
import io.gopluginjava.core.ShellLine;
import io.gopluginjava.netrpc.NetRpcPlugin;
import io.gopluginjava.step01.plugin.GreeterNetRpcPluginMain;
import io.gopluginjava.step01.shared.GreeterNetRpcPlugin;
import io.gopluginjava.step01.shared.Handshakes;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Plugin processes that misbehave, and the errors a host reports for each. All a host sees of a plugin before the
 * handshake is its output and its exit, so most of these plugins are one-line shell scripts: as real to the host as
 * a JVM, and started in milliseconds.
 */
@DisplayName("a host facing a plugin that misbehaves before or during the handshake")
class HandshakeFailuresTest {

  @TempDir Path socketDir;
  /** The fake plugins speak no TLS, so the host asks for none (AutoMTLS off, go-plugin's default). */
  private static final Map<String, NetRpcPlugin<?>> GREETER =
      Map.of(Handshakes.GREETER_PLUGIN, new GreeterNetRpcPlugin());

  private PluginClient client;

  /** A plugin that runs {@code script} with {@code sh -c}; {@code exec sleep} keeps it running as one process. */
  private PluginClient fake(String script, Duration startTimeout) {
    return fake(script, startTimeout, ClientConfig.EXIT_GRACE);
  }

  private PluginClient fake(String script, Duration startTimeout, Duration exitGrace) {
    client = new PluginClient(ClientConfig.builder()
        .name("fake")
        .handshake(Handshakes.GREETER)
        .command("sh", "-c", script)
        .startTimeout(startTimeout)
        .exitGrace(exitGrace)
        .allowedProtocols(Protocol.NETRPC) // go-plugin's default; a host allows both wires unless it says
        .plugins(GREETER).autoMtls(false).build());
    return client;
  }

  /** A plugin that prints {@code line} as its handshake line, then waits to be ended. */
  private PluginClient printing(String line) {
    return fake("printf '%s\\n' " + ShellLine.of(List.of(line)) + "; exec sleep 60", Duration.ofSeconds(20));
  }

  @AfterEach
  void killPlugin() {
    if (client != null) {
      client.kill();
    }
  }

  @ParameterizedTest(name = "{0}")
  @DisplayName("a bad handshake line is refused with its own typed error, and the plugin is ended")
  // tag::bad-lines[]
  @CsvSource(delimiter = ';', textBlock = """
      a log line instead of a handshake;  Starting up...;                      NOT_A_HANDSHAKE; expected CORE|APP|NETWORK|ADDR|PROTOCOL
      too few fields;                     1|1|unix;                            FIELD_COUNT;     expected at least 4 fields
      another core protocol version;      2|1|unix|$SOCKET|netrpc|;           CORE_VERSION;    core version 2, this host speaks 1
      an app version the host never offered; 1|9|unix|$SOCKET|netrpc|;        APP_VERSION;     chose version 9, but this host offered [1]
      an unknown network;                 1|1|carrier-pigeon|$SOCKET|netrpc|; NETWORK;         unknown network "carrier-pigeon"
      a protocol the host does not allow; 1|1|unix|$SOCKET|grpc|;              PROTOCOL;        protocol "grpc", but this host allows only [netrpc]
      """)
  // end::bad-lines[]
  void badLinesAreRefused(String what, String line, Problem problem, String expected) {
    PluginClient plugin = printing(line.replace("$SOCKET", socketDir.resolve("plugin.sock").toString()));

    assertThatExceptionOfType(HandshakeException.class)
        .as(what)
        .isThrownBy(plugin::start)
        .satisfies(e -> assertThat(e.problem()).as("problem").isEqualTo(problem))
        .withMessageContaining(expected)
        .withMessageContaining("handshake line: \"" + line.split("\\$SOCKET")[0]);
    assertThat(plugin.exitStatus()).as("the refused plugin has been ended").isNotEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @DisplayName("a plugin refused at its handshake leaves no socket behind: the host removes the one its line announced")
  @CsvSource(delimiter = ';', textBlock = """
      another core protocol version;          2|1|unix|$SOCKET|netrpc|
      an app version the host never offered; 1|9|unix|$SOCKET|netrpc|
      a protocol the host does not allow;     1|1|unix|$SOCKET|grpc|
      """)
  void refusedPluginsSocketIsRemoved(String what, String line) throws Exception {
    Path socket = socketDir.resolve("plugin.sock");
    try (ServerSocketChannel bound = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
      bound.bind(UnixDomainSocketAddress.of(socket)); // as the plugin would before printing its line
    }
    PluginClient plugin = printing(line.replace("$SOCKET", socket.toString()));

    assertThatExceptionOfType(HandshakeException.class).as(what).isThrownBy(plugin::start);
    assertThat(socket).as("the socket the refused plugin announced").doesNotExist();
  }

  @Test
  @DisplayName("a plugin that exits before its handshake is reported with its exit status and last stderr lines")
  void exitBeforeHandshake() {
    PluginClient plugin = fake("echo 'fake plugin: reading config' >&2;"
        + " echo 'fake plugin: config file not found, giving up' >&2; exit 3", Duration.ofSeconds(20));

    assertThatExceptionOfType(PluginStartException.class)
        .isThrownBy(plugin::start)
        .satisfies(e -> assertThat(e.problem()).as("problem").isEqualTo(PluginStartException.Problem.EXITED_BEFORE_HANDSHAKE))
        .satisfies(e -> assertThat(e.lastStderrLines()).as("last stderr lines")
            .containsExactly("fake plugin: reading config", "fake plugin: config file not found, giving up"))
        .withMessageContaining("plugin \"fake\" exited with status 3 before printing its handshake line");
  }

  @Test
  @DisplayName("a host whose magic cookie the real plugin process does not know is told so, not just that it exited")
  void wrongCookieIsNamed() {
    client = new PluginClient(ClientConfig.builder()
        .name("greeter")
        .handshake(new HandshakeConfig(Handshakes.GREETER.protocolVersion(), Handshakes.GREETER.magicCookieKey(),
            "not-" + Handshakes.GREETER.magicCookieValue()))
        .command(JavaCommand.forMain(GreeterNetRpcPluginMain.class))
        .plugins(GREETER).autoMtls(false).build());

    assertThatExceptionOfType(PluginStartException.class)
        .isThrownBy(client::start)
        .withMessageContaining("plugin \"greeter\" exited with status 1: it refused the host's magic cookie")
        .satisfies(e -> assertThat(e.problem()).as("problem").isEqualTo(PluginStartException.Problem.COOKIE_REFUSED));
  }

  @Test
  @DisplayName("a plugin that never prints its handshake hits the start timeout, and is ended")
  void silentPluginTimesOut() {
    PluginClient plugin = fake("echo 'fake plugin: thinking very hard' >&2; exec sleep 60", Duration.ofSeconds(1));

    assertThatExceptionOfType(PluginStartException.class)
        .isThrownBy(plugin::start)
        .satisfies(e -> assertThat(e.problem()).as("problem").isEqualTo(PluginStartException.Problem.START_TIMEOUT))
        .withMessageContaining("plugin \"fake\" printed no handshake line within 1000 ms")
        .withMessageContaining("fake plugin: thinking very hard");
    assertThat(plugin.exitStatus()).as("the silent plugin has been ended").isNotEmpty();
  }

  @Test
  @DisplayName("a command that cannot be run at all is reported as such")
  void commandNotFound() {
    client = new PluginClient(ClientConfig.builder()
        .name("greeter")
        .handshake(Handshakes.GREETER)
        .command("/nonexistent/greeter-plugin")
        .plugins(GREETER).autoMtls(false).build());

    assertThatExceptionOfType(PluginStartException.class)
        .isThrownBy(client::start)
        .satisfies(e -> assertThat(e.problem()).as("problem").isEqualTo(PluginStartException.Problem.COULD_NOT_EXECUTE))
        .withMessageContaining("could not run plugin \"greeter\" with command [/nonexistent/greeter-plugin]");
  }

  @Test
  @DisplayName("a plugin that never answers Control.Quit is destroyed when the grace period runs out")
  void hungPluginIsDestroyed() throws Exception {
    // The socket the plugin announces: connections are queued by the system and never read, so nothing answers.
    Path socket = socketDir.resolve("plugin.sock");
    try (ServerSocketChannel hung = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
      hung.bind(UnixDomainSocketAddress.of(socket));
      // A short grace: go-plugin's two seconds would only make the test slower.
      PluginClient plugin = fake("printf '%s\\n' " + ShellLine.of(List.of("1|1|unix|" + socket + "|netrpc|"))
          + "; exec sleep 60", Duration.ofSeconds(20), Duration.ofMillis(300));
      plugin.start();

      plugin.kill();

      assertThat(plugin.exitStatus()).as("exit status of the destroyed plugin").isNotEmpty();
    }
  }

  @Test
  @DisplayName("a grace period that is not positive is refused where it is set, not when the plugin is killed")
  void exitGraceMustBePositive() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> ClientConfig.builder().exitGrace(Duration.ZERO))
        .withMessageContaining("exitGrace must be a positive duration");
  }
}
