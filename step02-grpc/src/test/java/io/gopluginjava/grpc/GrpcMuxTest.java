package io.gopluginjava.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.gopluginjava.testing.Await;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.protobuf.services.HealthStatusManager;
import io.netty.channel.local.LocalAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * go-plugin's broker multiplexing on its own: a plugin's and a host's {@link GrpcMux} over one real Unix socket
 * connection, gRPC servers and channels on their yamux streams, no broker stream (the knock is called directly).
 */
@DisplayName("the multiplexer of gRPC connections over one socket (grpcmux)")
class GrpcMuxTest {

  @TempDir Path dir;
  private GrpcMux plugin;
  private GrpcMux host;
  private final List<Server> servers = new ArrayList<>();
  private final List<ManagedChannel> channels = new ArrayList<>();

  /** A plugin muxer whose main server reports "probe" as {@code mainStatus}, and a host connected to it. */
  private void connect(ServingStatus mainStatus) throws Exception {
    Path socket = dir.resolve("plugin.sock");
    ServerSocketChannel listener = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
    listener.bind(UnixDomainSocketAddress.of(socket));
    LocalAddress main = GrpcMux.newServerAddress("main");
    plugin = GrpcMux.onPlugin(listener, main);
    serve(plugin, main, mainStatus);
    host = GrpcMux.onHost("unix", socket.toString());
  }

  private void serve(GrpcMux mux, LocalAddress address, ServingStatus status) throws Exception {
    HealthStatusManager health = new HealthStatusManager();
    health.setStatus("probe", status);
    servers.add(Transport.startMuxServer(mux, address, null, List.of(Transport.bind(health.getHealthService())),
        java.util.Set.of()));
  }

  private ServingStatus probe(GrpcMux from, GrpcMux.Knock knock) {
    ManagedChannel channel = Transport.muxChannel(from, from.dialer(knock), null, builder -> {});
    channels.add(channel);
    return HealthGrpc.newBlockingStub(channel).withDeadlineAfter(10, TimeUnit.SECONDS)
        .check(HealthCheckRequest.newBuilder().setService("probe").build()).getStatus();
  }

  @AfterEach
  void close() throws InterruptedException {
    for (ManagedChannel channel : channels) {
      channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
    for (Server server : servers) {
      server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
    if (host != null) {
      host.close();
    }
    if (plugin != null) {
      plugin.close();
    }
  }

  @Test
  @DisplayName("a stream the host opens without a knock reaches the plugin's main server")
  void unknockedStreamReachesTheMainServer() throws Exception {
    connect(ServingStatus.SERVING);

    assertThat(probe(host, GrpcMux.Knock.NONE)).as("the main server's probe, through a yamux stream")
        .isEqualTo(ServingStatus.SERVING);
  }

  @Test
  @DisplayName("no byte is lost as a stream is joined: 100 fresh plaintext connections each way, each the client's"
      + " preface and the server's SETTINGS first (a frame lost there is grpc-java's INTERNAL http2 exception)")
  void streamsLoseNoFirstByte() throws Exception {
    connect(ServingStatus.SERVING);
    LocalAddress helper = GrpcMux.newServerAddress("broker-1");
    serve(host, helper, ServingStatus.SERVING);
    host.listen(1, helper);

    for (int i = 0; i < 100; i++) {
      assertThat(probeOnce(host, GrpcMux.Knock.NONE)).as("host to plugin, connection %d", i)
          .isEqualTo(ServingStatus.SERVING);
      assertThat(probeOnce(plugin, () -> host.acceptKnock(1))).as("plugin to host, connection %d", i)
          .isEqualTo(ServingStatus.SERVING);
    }
  }

  /** One probe on a channel of its own, closed afterwards: a new connection, so a new stream, every time. */
  private ServingStatus probeOnce(GrpcMux from, GrpcMux.Knock knock) throws InterruptedException {
    ManagedChannel channel = Transport.muxChannel(from, from.dialer(knock), null, builder -> {});
    try {
      return HealthGrpc.newBlockingStub(channel).withDeadlineAfter(10, TimeUnit.SECONDS)
          .check(HealthCheckRequest.newBuilder().setService("probe").build()).getStatus();
    } finally {
      channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
  }

  @Test
  @DisplayName("after a knock for an id, the next stream reaches that id's server, not the main one")
  void knockedStreamReachesItsServer() throws Exception {
    connect(ServingStatus.SERVING);
    LocalAddress brokered = GrpcMux.newServerAddress("broker-7");
    serve(plugin, brokered, ServingStatus.NOT_SERVING);
    plugin.listen(7, brokered);

    assertThat(probe(host, () -> assertThat(plugin.acceptKnock(7)).as("the plugin's answer to the knock").isNull()))
        .as("the probe of the server brokered as id 7").isEqualTo(ServingStatus.NOT_SERVING);
    assertThat(probe(host, GrpcMux.Knock.NONE)).as("the main server, still reached without a knock")
        .isEqualTo(ServingStatus.SERVING);
  }

  @Test
  @DisplayName("the plugin knocks too: the host's brokered server is reached over the host's own connection")
  void pluginDialsTheHost() throws Exception {
    connect(ServingStatus.SERVING);
    LocalAddress helper = GrpcMux.newServerAddress("broker-1");
    serve(host, helper, ServingStatus.SERVING);
    host.listen(1, helper);

    assertThat(probe(plugin, () -> assertThat(host.acceptKnock(1)).as("the host's answer to the knock").isNull()))
        .as("the host's brokered probe, dialled by the plugin").isEqualTo(ServingStatus.SERVING);
  }

  @Test
  @DisplayName("a knock for an id nobody listens on is answered with go-plugin's error, naming the id")
  void knockForUnknownId() throws Exception {
    connect(ServingStatus.SERVING);

    assertThat(plugin.acceptKnock(9)).as("the plugin's answer to a knock for id 9")
        .isEqualTo("no listener for id 9 on the plugin");
  }

  @Test
  @DisplayName("a stream the plugin opens without a knock is reset: a host serves nothing by default")
  void hostResetsUnknockedStreams() throws Exception {
    connect(ServingStatus.SERVING);

    assertThatExceptionOfType(StatusRuntimeException.class).isThrownBy(() -> probe(plugin, GrpcMux.Knock.NONE))
        .satisfies(e -> assertThat(e.getStatus().getCode().name()).as("the call's status").isEqualTo("UNAVAILABLE"));
  }

  @Test
  @DisplayName("closing both sides ends the session and every thread the multiplexers started")
  void closeLeavesNoThreads() throws Exception {
    connect(ServingStatus.SERVING);
    assertThat(probe(host, GrpcMux.Knock.NONE)).as("a call before closing").isEqualTo(ServingStatus.SERVING);

    close();
    channels.clear();
    servers.clear();
    host = null;
    plugin = null;

    assertThat(Await.until(() -> muxThreads().isEmpty(), Duration.ofSeconds(5)))
        .as("goplugin-grpcmux threads left: %s", muxThreads()).isTrue();
  }

  private static List<String> muxThreads() {
    return Thread.getAllStackTraces().keySet().stream().map(Thread::getName)
        .filter(name -> name.startsWith("goplugin-grpcmux")).toList();
  }
}
