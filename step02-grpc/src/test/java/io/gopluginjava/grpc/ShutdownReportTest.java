package io.gopluginjava.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import io.gopluginjava.core.ClientConfig;
import io.gopluginjava.core.PluginClient;
import io.gopluginjava.grpc.proto.Empty;
import io.gopluginjava.grpc.proto.GRPCControllerGrpc;
import io.gopluginjava.step02.shared.KvGrpcPlugin;
import io.gopluginjava.step02.shared.Plugins;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * What the host logs when {@code GRPCController.Shutdown} fails. go-plugin's controller stops its server before it
 * replies ({@code grpc_controller.go}), so after every run against a Go plugin the call ends UNAVAILABLE and the
 * plugin exits 0: a normal stop, not a warning.
 */
@DisplayName("the host's report of a plugin's stop")
class ShutdownReportTest {

  @TempDir Path dir;
  private final List<LogEntry> logs = new CopyOnWriteArrayList<>();

  /** Starts a plugin whose Shutdown does {@code shutdown}, and kills it. */
  private PluginClient killed(BareGrpcPlugin plugin, Consumer<StreamObserver<Empty>> shutdown) {
    plugin.serving(new GRPCControllerGrpc.GRPCControllerImplBase() {
      @Override
      public void shutdown(Empty request, StreamObserver<Empty> reply) {
        shutdown.accept(reply);
      }
    }).serving(new StdioService(new StdioCapture()));
    PluginClient client = new PluginClient(ClientConfig.builder()
        .handshake(Plugins.HANDSHAKE)
        .plugin(Plugins.KV, new KvGrpcPlugin())
        .autoMtls(false)
        .output(new HclogOutput((name, entry) -> logs.add(entry)))
        .launcher(plugin.launcher())
        .build());
    try (client) {
      client.start();
    }
    return client;
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource({"UNAVAILABLE, Connection closed", "UNKNOWN, channel closed"})
  @DisplayName("a Shutdown whose connection closes under it, as a Go plugin's does, and an exit with status 0 are a"
      + " normal stop")
  void goPluginsStopIsNormal(Status.Code code, String description) {
    BareGrpcPlugin plugin = new BareGrpcPlugin(dir.resolve("plugin.sock"));

    // What the host sees of a Go plugin's Server.Stop(): its connection closed, so the call ends UNAVAILABLE, or
    // UNKNOWN "channel closed" when Netty's channel went inactive first (grpc-java cannot close a connection that way:
    // its shutdownNow() resets each stream, CANCELLED; ConformanceTest sees the real thing from go-plugin's plugins).
    PluginClient client = killed(plugin, reply -> {
      reply.onError(Status.fromCode(code).withDescription(description).asRuntimeException());
      plugin.exit(0);
    });

    assertThat(client.exitStatus()).as("the plugin's exit status").hasValue(0);
    assertThat(logs).as("what the host logged").noneMatch(entry -> entry.message().contains("Shutdown failed"))
        .anyMatch(entry -> entry.message().contains("a normal stop"));
  }

  @Test
  @DisplayName("a Shutdown that fails and a plugin that then exits with another status than 0 is a warning")
  void failedStopWarns() {
    BareGrpcPlugin plugin = new BareGrpcPlugin(dir.resolve("plugin.sock"));

    killed(plugin, reply -> {
      reply.onError(Status.UNAVAILABLE.withDescription("disk on fire").asRuntimeException());
      plugin.exit(3);
    });

    assertThat(logs).as("what the host logged").anyMatch(entry -> entry.level() == LogEntry.Level.WARN
        && entry.message().contains("GRPCController.Shutdown failed: UNAVAILABLE disk on fire")
        && entry.message().contains("ended with status 3"));
  }
}
