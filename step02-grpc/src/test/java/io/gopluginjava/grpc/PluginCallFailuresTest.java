package io.gopluginjava.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.gopluginjava.core.Handshake;
import io.gopluginjava.core.PluginCallException;
import io.gopluginjava.core.PluginRunner;
import io.gopluginjava.testing.StandInPlugin;
import io.grpc.Status;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("a failed call is the plugin's death only when the connection went and the process with it")
class PluginCallFailuresTest {

  interface Store {
    String get(String key);
  }

  private static PluginRunner plugin(Integer status) {
    return status == null ? StandInPlugin.running() : StandInPlugin.exiting(status);
  }

  private static Store failingWith(Status status, Integer exitStatus) {
    Store store = key -> {
      throw status.asRuntimeException();
    };
    return PluginCallFailures.explain(Store.class, store, "kv", plugin(exitStatus), Duration.ofSeconds(1));
  }

  @Test
  @DisplayName("grpc-java's UNKNOWN \"channel closed\" from a plugin that died is PLUGIN_EXITED, with its status")
  void channelClosedByADeadPlugin() {
    assertThatExceptionOfType(PluginCallException.class)
        .isThrownBy(() -> failingWith(Status.UNKNOWN.withDescription("channel closed"), 137).get("k"))
        .withMessageContaining("exited with status 137")
        .withMessageContaining("during Store.get");
  }

  @Test
  @DisplayName("an UNKNOWN the plugin answered with (a Go error) is PLUGIN_ERROR while the plugin runs, with what it"
      + " answered and gRPC's error as the cause")
  void answeredUnknownIsPluginError() {
    assertThatExceptionOfType(PluginCallException.class)
        .isThrownBy(() -> failingWith(Status.UNKNOWN.withDescription("no value for key"), null).get("k"))
        .withMessageContaining("answered Store.get with an error: UNKNOWN no value for key")
        .satisfies(e -> assertThat(e.problem()).as("problem").isEqualTo(PluginCallException.Problem.PLUGIN_ERROR))
        .satisfies(e -> assertThat(e.answer()).as("answer").isEqualTo("UNKNOWN no value for key"))
        .withCauseInstanceOf(io.grpc.StatusRuntimeException.class);
  }

  @Test
  @DisplayName("UNAVAILABLE from a plugin that died is PLUGIN_EXITED")
  void unavailableFromADeadPlugin() {
    assertThatExceptionOfType(PluginCallException.class)
        .isThrownBy(() -> failingWith(Status.UNAVAILABLE, 1).get("k"))
        .withMessageContaining("exited with status 1 during Store.get");
  }

  @Test
  @DisplayName("UNAVAILABLE from a plugin that runs, over TCP, is CONNECTION_LOST: the call's answer is lost, not the"
      + " plugin's error")
  void unavailableFromARunningPluginIsConnectionLost() {
    Store store = key -> {
      throw Status.UNAVAILABLE.withDescription("io exception").asRuntimeException();
    };
    Store explained = PluginCallFailures.explain(Store.class, store, "kv", plugin(null), Duration.ofSeconds(1),
        Handshake.of(1, "tcp", "127.0.0.1:10000", "grpc"));

    assertThatExceptionOfType(PluginCallException.class)
        .isThrownBy(() -> explained.get("k"))
        .satisfies(e -> assertThat(e.problem()).as("problem").isEqualTo(PluginCallException.Problem.CONNECTION_LOST))
        .withMessageContaining("is running, but the connection broke during Store.get: UNAVAILABLE io exception")
        .withCauseInstanceOf(io.grpc.StatusRuntimeException.class);
  }

  @Test
  @DisplayName("UNAVAILABLE from a plugin that runs but whose socket file is gone says so, with the address")
  void socketGone(@TempDir Path dir) {
    String address = dir.resolve("plugin1/plugin.sock").toString();
    Store store = key -> {
      throw Status.UNAVAILABLE.withDescription("io exception").asRuntimeException();
    };
    Store explained = PluginCallFailures.explain(Store.class, store, "kv", plugin(null), Duration.ofSeconds(1),
        Handshake.of(1, "unix", address, "grpc"));

    assertThatExceptionOfType(PluginCallException.class)
        .isThrownBy(() -> explained.get("k"))
        .satisfies(e -> assertThat(e.problem()).as("problem")
            .isEqualTo(PluginCallException.Problem.UNREACHABLE))
        .withMessage("plugin \"kv\" (pid " + ProcessHandle.current().pid() + ") is running, but Store.get cannot reach it"
            + " at unix " + address + ": its socket file is gone (removed while the plugin ran?)");
  }
}
