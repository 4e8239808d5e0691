package io.gopluginjava.netrpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.gopluginjava.core.PluginCallException;
import io.gopluginjava.core.PluginCallException.Problem;
import io.gopluginjava.core.PluginRunner;
import io.gopluginjava.testing.StandInPlugin;
import java.io.IOException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** What a failed netrpc call through a dispensed interface becomes: always a PluginCallException saying why. */
@DisplayName("a failed netrpc call, explained")
class CallFailuresTest {

  interface Greeter {
    String greet();
  }

  private static Greeter failingWith(NetRpcException failure, PluginRunner plugin) {
    Greeter greeter = () -> {
      throw failure;
    };
    return CallFailures.explain(Greeter.class, greeter, "greeter", plugin);
  }

  private static NetRpcException streamBroken() {
    return new NetRpcException("Plugin.Greet to plugin \"greeter\" failed: the stream ended",
        new IOException("yamux session closed"));
  }

  @Test
  @DisplayName("a stream that broke under the call of a plugin that exited is PLUGIN_EXITED, with its status")
  void brokenStreamOfAnExitedPlugin() {
    assertThatExceptionOfType(PluginCallException.class)
        .isThrownBy(() -> failingWith(streamBroken(), StandInPlugin.exiting(2)).greet())
        .satisfies(e -> assertThat(e.problem()).as("problem").isEqualTo(Problem.PLUGIN_EXITED))
        .withMessageContaining("exited with status 2 during Greeter.greet");
  }

  @Test
  @DisplayName("a stream that broke under the call of a plugin that still runs is CONNECTION_LOST, not the plugin's"
      + " answer")
  void brokenStreamOfARunningPlugin() {
    assertThatExceptionOfType(PluginCallException.class)
        .isThrownBy(() -> failingWith(streamBroken(), StandInPlugin.running()).greet())
        .satisfies(e -> assertThat(e.problem()).as("problem").isEqualTo(Problem.CONNECTION_LOST))
        .withMessageContaining("is running, but the connection broke during Greeter.greet: yamux session closed")
        .withCauseInstanceOf(NetRpcException.class);
  }

  @Test
  @DisplayName("an error the plugin answered with is PLUGIN_ERROR, with its text as the answer")
  void answeredError() {
    assertThatExceptionOfType(PluginCallException.class)
        .isThrownBy(() -> failingWith(new NetRpcException("no greeting today"), StandInPlugin.running()).greet())
        .satisfies(e -> assertThat(e.problem()).as("problem").isEqualTo(Problem.PLUGIN_ERROR))
        .satisfies(e -> assertThat(e.answer()).as("answer").isEqualTo("no greeting today"));
  }
}
