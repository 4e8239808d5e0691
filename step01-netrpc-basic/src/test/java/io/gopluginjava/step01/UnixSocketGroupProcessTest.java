package io.gopluginjava.step01;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.gopluginjava.core.ClientConfig;
import io.gopluginjava.core.JavaCommand;
import io.gopluginjava.core.PluginClient;
import io.gopluginjava.core.PluginStartException;
import io.gopluginjava.step01.plugin.GreeterPluginMain;
import io.gopluginjava.step01.shared.Greeter;
import io.gopluginjava.step01.shared.GreeterPlugin;
import io.gopluginjava.step01.shared.Handshakes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The host's UnixSocketConfig: a real plugin process told which group may use its socket. */
@DisplayName("a plugin process and PLUGIN_UNIX_SOCKET_GROUP")
class UnixSocketGroupProcessTest {

  @TempDir Path socketParent;
  private PluginClient client;

  private PluginClient start(String group) {
    client = new PluginClient(ClientConfig.builder()
        .handshake(Handshakes.GREETER)
        .plugin(Handshakes.GREETER_PLUGIN, new GreeterPlugin())
        .command(JavaCommand.forMain(GreeterPluginMain.class))
        .unixSocketGroup(group)
        .unixSocketDir(socketParent)
        .startTimeout(Duration.ofSeconds(20))
        .build());
    return client;
  }

  @AfterEach
  void kill() {
    if (client != null) {
      client.kill();
    }
  }

  @Test
  @DisplayName("the host's group and dir reach the plugin: its socket is in that dir, with that group and mode 0660")
  void groupReachesThePlugin() throws Exception {
    int gid = (Integer) Files.getAttribute(socketParent, "unix:gid");

    Greeter greeter = start(String.valueOf(gid)).dispense("greeter", Greeter.class);
    Path socket = Path.of(client.handshake().address());

    assertThat(greeter.greet()).as("greeting").isEqualTo("Hello!");
    assertThat(socket.getParent().getParent()).as("the socket's directory's parent").isEqualTo(socketParent);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(socket))).as("socket mode")
        .isEqualTo("rw-rw----");
    assertThat(Files.getAttribute(socket, "unix:gid")).as("socket gid").isEqualTo(gid);
  }

  @Test
  @DisplayName("a group the plugin's system does not know makes it exit with an error the host reports")
  void unknownGroupIsReported() {
    PluginClient plugin = start("no-such-group-x9");

    assertThatExceptionOfType(PluginStartException.class).isThrownBy(plugin::start)
        .satisfies(e -> assertThat(e.problem()).as("problem").isEqualTo(PluginStartException.Problem.EXITED_BEFORE_HANDSHAKE))
        .withMessageContaining("exited with status 1")
        .withMessageContaining("PLUGIN_UNIX_SOCKET_GROUP=no-such-group-x9 is neither a numeric gid nor a group");
  }
}
