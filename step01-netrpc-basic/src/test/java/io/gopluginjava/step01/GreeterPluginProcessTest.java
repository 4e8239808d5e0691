package io.gopluginjava.step01;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.gopluginjava.core.ClientConfig;
import io.gopluginjava.core.JavaCommand;
import io.gopluginjava.core.PluginCallException;
import io.gopluginjava.core.PluginClient;
import io.gopluginjava.netrpc.NetRpcPlugin;
import io.gopluginjava.step01.plugin.GreeterNetRpcPluginMain;
import io.gopluginjava.step01.shared.Greeter;
import io.gopluginjava.step01.shared.GreeterNetRpcPlugin;
import io.gopluginjava.step01.shared.Handshakes;
import io.gopluginjava.testing.Await;
import io.gopluginjava.testing.CollectingOutput;
import io.gopluginjava.testing.HostThatDiesMain;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The Greeter plugin as a real process, started and ended by a real host: what only a process shows (its pid, its
 * stderr pipe, its exit status, its refusal when run by hand, its end when its host dies). The rest of the
 * conversation is in {@code GreeterPluginTest}, with the plugin served in this JVM.
 */
@DisplayName("the Greeter plugin in its own process")
class GreeterPluginProcessTest {

  private final CollectingOutput output = new CollectingOutput();
  private static final Map<String, NetRpcPlugin<?>> GREETER =
      Map.of(Handshakes.GREETER_PLUGIN, new GreeterNetRpcPlugin());
  private PluginClient client;

  /** AutoMTLS off, as in the blog's host: TLS is NetRpcPluginTest's and GoPluginNetRpcTest's subject. */
  private PluginClient start(ClientConfig.Builder config) {
    client = new PluginClient(config.output(output).plugins(GREETER).autoMtls(false).build());
    return client;
  }

  private static ClientConfig.Builder greeter(Class<?> main) {
    return ClientConfig.builder()
        .name(Handshakes.GREETER_PLUGIN)
        .handshake(Handshakes.GREETER)
        .command(JavaCommand.forMain(main))
        .startTimeout(Duration.ofSeconds(20));
  }

  @AfterEach
  void killPlugin() {
    if (client != null) {
      client.kill();
    }
  }

  @Test
  @DisplayName("the host greets through a plugin running in another process")
  void greetsAcrossProcesses() {
    Greeter greeter = start(greeter(GreeterNetRpcPluginMain.class)).dispense("greeter", Greeter.class);

    assertThat(greeter.greet()).as("greeting from the plugin").isEqualTo("Hello!");
    assertThat(client.processHandle().pid()).as("the plugin's pid").isNotEqualTo(ProcessHandle.current().pid());
  }

  @Test
  @DisplayName("what the plugin logs on stderr reaches the host, line by line, under the plugin's name")
  void pluginLogsReachTheHost() {
    start(greeter(GreeterNetRpcPluginMain.class)).dispense("greeter", Greeter.class).greet();
    client.kill();

    assertThat(output.lines()).as("lines the host received from the plugin")
        .anySatisfy(line -> assertThat(line).startsWith("greeter stderr: ").contains("message from GreeterHello.greet"));
  }

  @Test
  @DisplayName("kill asks the plugin to quit, and it exits with status 0 well within the grace period")
  void killIsGraceful() {
    start(greeter(GreeterNetRpcPluginMain.class)).dispense("greeter", Greeter.class).greet();

    long started = System.nanoTime();
    client.kill();
    long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);

    assertThat(client.exitStatus()).as("exit status after Control.Quit (kill took %d ms)", millis).hasValue(0);
  }

  @Test
  @DisplayName("a call into a plugin that died says so, with its exit status, instead of a bare connection error")
  void callIntoADeadPlugin() throws Exception {
    Greeter greeter = start(greeter(GreeterNetRpcPluginMain.class)).dispense("greeter", Greeter.class);
    greeter.greet();
    client.processHandle().destroyForcibly();

    assertThatExceptionOfType(PluginCallException.class).isThrownBy(greeter::greet)
        .satisfies(e -> assertThat(e.problem()).as("problem").isEqualTo(PluginCallException.Problem.PLUGIN_EXITED))
        .satisfies(e -> assertThat(e.exitStatus()).as("exit status of a SIGKILLed plugin").hasValue(137))
        .withMessageContaining("plugin \"greeter\" (pid ")
        .withMessageContaining("exited with status 137, killed by signal 9 (SIGKILL) during Greeter.greet");
  }

  @Test
  @DisplayName("the host removes the socket of a plugin it had to destroy, which could not remove it itself")
  void socketOfAKilledPluginIsRemoved() {
    start(greeter(GreeterNetRpcPluginMain.class)).dispense("greeter", Greeter.class).greet();
    Path socket = Path.of(client.handshake().address());
    client.processHandle().destroyForcibly();
    assertThat(Await.until(() -> !client.processHandle().isAlive(), Duration.ofSeconds(5))).as("SIGKILLed").isTrue();
    assertThat(socket).as("the socket a SIGKILLed plugin leaves").exists();

    client.kill();

    assertThat(socket).as("the socket after kill()").doesNotExist();
    assertThat(socket.getParent()).as("its directory after kill()").doesNotExist();
  }

  @Test
  @DisplayName("a plugin ignores SIGINT, as go-plugin's do: a Ctrl-C reaches host and plugins, and the host ends them")
  void sigintIsIgnored() throws Exception {
    Greeter greeter = start(greeter(GreeterNetRpcPluginMain.class)).dispense("greeter", Greeter.class);
    greeter.greet();
    Process interrupt = new ProcessBuilder("kill", "-INT", Long.toString(client.processHandle().pid())).start();
    assertThat(interrupt.waitFor()).as("kill -INT's status").isZero();

    assertThat(greeter.greet()).as("a call after SIGINT").isEqualTo("Hello!");
    client.kill();
    assertThat(client.exitStatus()).as("exit status after the host's kill").hasValue(0);
  }

  @Test
  @DisplayName("a plugin ended by SIGTERM removes its own socket on the way out")
  void sigtermRemovesTheSocket() {
    start(greeter(GreeterNetRpcPluginMain.class)).dispense("greeter", Greeter.class).greet();
    Path socket = Path.of(client.handshake().address());

    client.processHandle().destroy(); // SIGTERM

    assertThat(Await.until(() -> !client.processHandle().isAlive(), Duration.ofSeconds(10))).as("exited").isTrue();
    assertThat(socket.getParent()).as("the socket's directory, before the host looks").doesNotExist();
  }

  @Test
  @DisplayName("a plugin started without the magic cookie prints go-plugin's message and exits with status 1")
  void refusesToRunWithoutTheCookie() throws Exception {
    ProcessBuilder builder = new ProcessBuilder(JavaCommand.forMain(GreeterNetRpcPluginMain.class));
    builder.environment().remove("BASIC_PLUGIN");
    Process process = builder.start();
    try {
      String stderr = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
      String stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

      assertThat(process.waitFor(20, TimeUnit.SECONDS)).as("the plugin exits by itself").isTrue();
      assertThat(process.exitValue()).as("exit status (stderr: %s)", stderr).isEqualTo(1);
      assertThat(stderr).as("what a person sees").isEqualTo(
          "This binary is a plugin. These are not meant to be executed directly.\n"
              + "Please execute the program that consumes these plugins, which will\n"
              + "load any plugins automatically\n");
      assertThat(stdout).as("stdout: no handshake line").isEmpty();
    } finally {
      process.destroyForcibly().waitFor();
    }
  }

  @Test
  @DisplayName("a plugin whose host dies without killing it exits by itself")
  void pluginOutlivesNoHost() throws Exception {
    Process host = new ProcessBuilder(JavaCommand.forMain(HostThatDiesMain.class))
        .redirectError(ProcessBuilder.Redirect.DISCARD).start();
    ProcessHandle plugin = null;
    try {
      String line = new BufferedReader(new InputStreamReader(host.getInputStream(), StandardCharsets.UTF_8)).readLine();
      assertThat(line).as("the host's report of its plugin").startsWith("plugin pid ");
      plugin = ProcessHandle.of(Long.parseLong(line.substring("plugin pid ".length()))).orElseThrow();

      host.destroyForcibly().waitFor();

      ProcessHandle orphan = plugin;
      assertThat(Await.until(() -> !orphan.isAlive(), Duration.ofSeconds(5)))
          .as("plugin %d has exited within 5 s of its host's SIGKILL", plugin.pid()).isTrue();
    } finally {
      host.destroyForcibly().waitFor();
      if (plugin != null) {
        plugin.destroyForcibly(); // no longer our descendant once orphaned: the leak check cannot see it
      }
    }
  }
}
