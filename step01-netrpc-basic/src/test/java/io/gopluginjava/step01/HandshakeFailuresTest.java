package io.gopluginjava.step01;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.gopluginjava.core.ClientConfig;
import io.gopluginjava.core.HandshakeConfig;
import io.gopluginjava.core.HandshakeException;
import io.gopluginjava.core.HandshakeException.Problem;
import io.gopluginjava.core.JavaCommand;
import io.gopluginjava.core.PluginClient;
import io.gopluginjava.core.PluginStartException;
import io.gopluginjava.step01.plugin.GreeterPluginMain;
import io.gopluginjava.step01.shared.GreeterPlugin;
import io.gopluginjava.step01.shared.Handshakes;
import io.gopluginjava.testing.FakePluginMain;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Real plugin processes that misbehave, and the errors a host reports for each. */
@DisplayName("a host facing a plugin that misbehaves before or during the handshake")
class HandshakeFailuresTest {

  @TempDir Path socketDir; // a SIGKILLed plugin cannot remove its socket: this way JUnit does
  private PluginClient client;

  private PluginClient fake(String mode, String line, Duration startTimeout) {
    ClientConfig.Builder config = ClientConfig.builder()
        .name("fake")
        .handshake(Handshakes.GREETER)
        .plugin(Handshakes.GREETER_PLUGIN, new GreeterPlugin())
        .command(JavaCommand.forMain(FakePluginMain.class))
        .startTimeout(startTimeout)
        .env("FAKE_PLUGIN_MODE", mode)
        .env("FAKE_PLUGIN_DIR", socketDir.toString());
    if (line != null) {
      config.env("FAKE_PLUGIN_LINE", line);
    }
    client = new PluginClient(config.build());
    return client;
  }

  @AfterEach
  void killPlugin() {
    client.kill();
  }

  @ParameterizedTest(name = "{0}")
  @DisplayName("a bad handshake line is refused with its own typed error, and the plugin is ended")
  // tag::bad-lines[]
  @CsvSource(delimiter = ';', textBlock = """
      a log line instead of a handshake;  Starting up...;                      NOT_A_HANDSHAKE; expected CORE|APP|NETWORK|ADDR|PROTOCOL
      too few fields;                     1|1|unix;                            FIELD_COUNT;     expected at least 4 fields
      another core protocol version;      2|1|unix|$SOCKET|jsonrpc|;           CORE_VERSION;    core version 2, this host speaks 1
      an app version the host never offered; 1|9|unix|$SOCKET|jsonrpc|;        APP_VERSION;     chose version 9, but this host offered [1]
      an unknown network;                 1|1|carrier-pigeon|$SOCKET|jsonrpc|; NETWORK;         unknown network "carrier-pigeon"
      a protocol the host does not allow; 1|1|unix|$SOCKET|grpc|;              PROTOCOL;        protocol "grpc", but this host allows only [jsonrpc]
      """)
  // end::bad-lines[]
  void badLinesAreRefused(String what, String line, Problem problem, String expected) {
    PluginClient plugin = fake("print", line, Duration.ofSeconds(20));

    assertThatExceptionOfType(HandshakeException.class)
        .as(what)
        .isThrownBy(plugin::start)
        .satisfies(e -> assertThat(e.problem()).as("problem").isEqualTo(problem))
        .withMessageContaining(expected)
        .withMessageContaining("handshake line: \"" + line.split("\\$SOCKET")[0]);
    assertThat(plugin.exitStatus()).as("the refused plugin has been ended").isNotEmpty();
  }

  @Test
  @DisplayName("a plugin that exits before its handshake is reported with its exit status and last stderr lines")
  void exitBeforeHandshake() {
    PluginClient plugin = fake("exit", null, Duration.ofSeconds(20));

    assertThatExceptionOfType(PluginStartException.class)
        .isThrownBy(plugin::start)
        .satisfies(e -> assertThat(e.problem()).as("problem").isEqualTo(PluginStartException.Problem.EXITED_BEFORE_HANDSHAKE))
        .satisfies(e -> assertThat(e.lastStderrLines()).as("last stderr lines")
            .containsExactly("fake plugin: reading config", "fake plugin: config file not found, giving up"))
        .withMessageContaining("plugin \"fake\" exited with status 3 before printing its handshake line");
  }

  @Test
  @DisplayName("a host whose magic cookie the plugin does not know is told so, not just that the plugin exited")
  void wrongCookieIsNamed() {
    client = new PluginClient(ClientConfig.builder()
        .name("greeter")
        .handshake(new HandshakeConfig(Handshakes.GREETER.protocolVersion(), Handshakes.GREETER.magicCookieKey(),
            "not-" + Handshakes.GREETER.magicCookieValue()))
        .plugin(Handshakes.GREETER_PLUGIN, new GreeterPlugin())
        .command(JavaCommand.forMain(GreeterPluginMain.class))
        .build());

    assertThatExceptionOfType(PluginStartException.class)
        .isThrownBy(client::start)
        .withMessageContaining("plugin \"greeter\" exited with status 1: it refused the host's magic cookie")
        .satisfies(e -> assertThat(e.problem()).as("problem").isEqualTo(PluginStartException.Problem.COOKIE_REFUSED));
  }

  @Test
  @DisplayName("a plugin that never prints its handshake hits the start timeout, and is ended")
  void silentPluginTimesOut() {
    PluginClient plugin = fake("silent", null, Duration.ofSeconds(3));

    assertThatExceptionOfType(PluginStartException.class)
        .isThrownBy(plugin::start)
        .satisfies(e -> assertThat(e.problem()).as("problem").isEqualTo(PluginStartException.Problem.START_TIMEOUT))
        .withMessageContaining("plugin \"fake\" printed no handshake line within 3000 ms")
        .withMessageContaining("fake plugin: thinking very hard");
    assertThat(plugin.exitStatus()).as("the silent plugin has been ended").isNotEmpty();
  }

  @Test
  @DisplayName("a command that cannot be run at all is reported as such")
  void commandNotFound() {
    client = new PluginClient(ClientConfig.builder()
        .handshake(Handshakes.GREETER)
        .plugin(Handshakes.GREETER_PLUGIN, new GreeterPlugin())
        .command("/nonexistent/greeter-plugin")
        .build());

    assertThatExceptionOfType(PluginStartException.class)
        .isThrownBy(client::start)
        .satisfies(e -> assertThat(e.problem()).as("problem").isEqualTo(PluginStartException.Problem.COULD_NOT_EXECUTE))
        .withMessageContaining("could not run plugin \"greeter\" with command [/nonexistent/greeter-plugin]");
  }

  @Test
  @DisplayName("a plugin that never answers Control.Quit is destroyed when the grace period runs out")
  void hungPluginIsDestroyed() {
    PluginClient plugin = fake("print", "1|1|unix|$SOCKET|jsonrpc|", Duration.ofSeconds(20));
    plugin.start();

    plugin.kill();

    assertThat(plugin.exitStatus()).as("exit status of the destroyed plugin").isNotEmpty();
  }
}
