package io.gopluginjava.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.gopluginjava.core.UnixSocketDir;
import io.gopluginjava.grpc.proto.ConnInfo;
import io.gopluginjava.grpc.proto.GRPCBrokerGrpc;
import io.gopluginjava.grpc.GrpcBroker.BrokeredServer;
import io.gopluginjava.testing.Await;
import io.gopluginjava.testing.BrokerPair;
import io.gopluginjava.testing.InProcessGrpc;
import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.protobuf.services.HealthStatusManager;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two brokers, a host's and a plugin's, joined by the StartStream stream on grpc-java's in-process transport; the
 * connections they broker are real Unix sockets, with or without AutoMTLS.
 */
@DisplayName("the gRPC broker")
class BrokerTest {

  @RegisterExtension final InProcessGrpc grpc = new InProcessGrpc();
  private Broker host;
  private Broker plugin;
  private final List<ManagedChannel> dialled = new CopyOnWriteArrayList<>();

  private void connect(PeerTls hostTls, PeerTls pluginTls, Duration timeout) throws Exception {
    BrokerPair pair = BrokerPair.connect(grpc, hostTls, pluginTls, timeout);
    host = pair.host();
    plugin = pair.plugin();
  }

  /** AutoMTLS between the two brokers; unless {@code pluginPresentsItsOwn}, the plugin presents a stranger's. */
  private void connectWithMtls(boolean pluginPresentsItsOwn) throws Exception {
    SelfSignedCert hostCert = SelfSignedCert.generate();
    SelfSignedCert pluginCert = SelfSignedCert.generate();
    SelfSignedCert presented = pluginPresentsItsOwn ? pluginCert : SelfSignedCert.generate();
    connect(new PeerTls(hostCert, pluginCert.certificate()), new PeerTls(presented, hostCert.certificate()),
        Broker.TIMEOUT);
  }

  private void connect(Duration timeout) throws Exception {
    connect(PeerTls.NONE, PeerTls.NONE, timeout);
  }

  @AfterEach
  void close() throws InterruptedException {
    for (ManagedChannel channel : dialled) {
      channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
    if (host != null) {
      host.close();
    }
    if (plugin != null) {
      plugin.close();
    }
  }

  /** A health service reporting "probe" as SERVING: something to serve and call that is no workbook piece. */
  private static HealthStatusManager probe() {
    return probe(ServingStatus.SERVING);
  }

  /** A health service reporting "probe" as {@code status}, to tell two brokered servers apart. */
  private static HealthStatusManager probe(ServingStatus status) {
    HealthStatusManager health = new HealthStatusManager();
    health.setStatus("probe", status);
    return health;
  }

  private ServingStatus checkProbe(ManagedChannel channel) {
    dialled.add(channel);
    return HealthGrpc.newBlockingStub(channel).withDeadlineAfter(10, TimeUnit.SECONDS)
        .check(HealthCheckRequest.newBuilder().setService("probe").build()).getStatus();
  }

  /** Opens {@link #plugin}'s stream as a host does, and puts the ConnInfo the plugin sends in {@code announced}. */
  private StreamObserver<ConnInfo> openStreamAsTheHost(LinkedBlockingQueue<ConnInfo> announced) throws IOException {
    return GRPCBrokerGrpc.newStub(grpc.serve(plugin.service())).startStream(new StreamObserver<>() {
      @Override
      public void onNext(ConnInfo info) {
        announced.add(info);
      }

      @Override
      public void onError(Throwable t) {}

      @Override
      public void onCompleted() {}
    });
  }

  @Test
  @DisplayName("acceptAndServe announces its id, network unix and the address of a socket that serves its services")
  void acceptAnnouncesWhereItServes() throws Exception {
    plugin = Broker.onPlugin(PeerTls.NONE, Broker.TIMEOUT);
    LinkedBlockingQueue<ConnInfo> announced = new LinkedBlockingQueue<>();
    StreamObserver<ConnInfo> toPlugin = openStreamAsTheHost(announced);

    try (BrokeredServer served = plugin.acceptAndServe(4, probe().getHealthService())) {
      ConnInfo info = announced.poll(5, TimeUnit.SECONDS);
      assertThat(info).as("the ConnInfo the plugin's broker sent").isNotNull();
      assertThat(info.getServiceId()).as("its service id").isEqualTo(4);
      assertThat(info.getNetwork()).as("its network").isEqualTo("unix");
      assertThat(checkProbe(Transport.channel(info.getNetwork(), info.getAddress(), null)))
          .as("the health of \"probe\", called at %s", info.getAddress()).isEqualTo(ServingStatus.SERVING);
    } finally {
      toPlugin.onCompleted();
    }
  }

  @Test
  @DisplayName("brokered sockets go where PLUGIN_UNIX_SOCKET_DIR says, shared with PLUGIN_UNIX_SOCKET_GROUP, as"
      + " go-plugin's serverListener places them")
  void brokeredSocketsFollowTheSocketEnvironment(@TempDir Path socketDir) throws Exception {
    int gid = (Integer) Files.getAttribute(socketDir, "unix:gid"); // a group this user is in: its own
    plugin = new Broker("plugin", PeerTls.NONE, Broker.TIMEOUT,
        Map.of(UnixSocketDir.DIR_ENV, socketDir.toString(), UnixSocketDir.GROUP_ENV, Integer.toString(gid)));
    LinkedBlockingQueue<ConnInfo> announced = new LinkedBlockingQueue<>();
    StreamObserver<ConnInfo> toPlugin = openStreamAsTheHost(announced);

    try (BrokeredServer served = plugin.acceptAndServe(4, probe().getHealthService())) {
      ConnInfo info = announced.poll(5, TimeUnit.SECONDS);
      assertThat(info).as("the ConnInfo the plugin's broker sent").isNotNull();
      Path socket = Path.of(info.getAddress());
      assertThat(socket.getParent().getParent()).as("the directory the socket's directory is in").isEqualTo(socketDir);
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(socket))).as("the socket's mode")
          .isEqualTo("rw-rw----");
      assertThat(Files.getAttribute(socket, "unix:gid")).as("the socket's group").isEqualTo(gid);
    } finally {
      toPlugin.onCompleted();
    }
    assertThat(socketDir).as("the socket directory once the brokered server closed").isEmptyDirectory();
  }

  @Test
  @DisplayName("a dial connects with the broker's TLS: over AutoMTLS it reaches what the other side serves")
  void dialUsesTheBrokersTls() throws Exception {
    connectWithMtls(true);
    int id = host.nextId();
    try (BrokeredServer served = host.acceptAndServe(id, probe().getHealthService())) {
      assertThat(checkProbe(plugin.dial(id))).as("the health of \"probe\", over mTLS").isEqualTo(ServingStatus.SERVING);
    }
  }

  @Test
  @DisplayName("ids start at 1 and never repeat, even when taken from many threads at once")
  void idsAreUnique() throws Exception {
    connect(Broker.TIMEOUT);
    assertThat(host.nextId()).as("the first id").isEqualTo(1);

    Set<Integer> ids = ConcurrentHashMap.newKeySet();
    IntStream.range(0, 1000).parallel().forEach(i -> ids.add(host.nextId()));

    assertThat(ids).as("1000 ids taken in parallel").hasSize(1000).doesNotContain(1);
  }

  @Test
  @DisplayName("what the host serves under an id, the plugin reaches by dialling that id")
  void hostServesPluginDials() throws Exception {
    connect(Broker.TIMEOUT);
    int id = host.nextId();
    try (BrokeredServer served = host.acceptAndServe(id, probe().getHealthService())) {
      assertThat(checkProbe(plugin.dial(id))).as("the health of \"probe\" through the brokered connection")
          .isEqualTo(ServingStatus.SERVING);
    }
  }

  @Test
  @DisplayName("the brokered connection uses the same AutoMTLS certificates as the main one")
  void brokeredConnectionUsesMtls() throws Exception {
    connectWithMtls(true);
    int id = plugin.nextId();
    try (BrokeredServer served = plugin.acceptAndServe(id, probe().getHealthService())) {
      assertThat(checkProbe(host.dial(id))).as("the health of \"probe\" over mTLS, plugin serving, host dialling")
          .isEqualTo(ServingStatus.SERVING);
    }
  }

  @Test
  @DisplayName("a dialler that presents another certificate is refused by the brokered server")
  void strangerIsRefused() throws Exception {
    connectWithMtls(false);
    int id = host.nextId();
    try (BrokeredServer served = host.acceptAndServe(id, probe().getHealthService())) {
      ManagedChannel channel = plugin.dial(id);

      assertThatExceptionOfType(StatusRuntimeException.class).as("a call with a certificate the host does not trust")
          .isThrownBy(() -> checkProbe(channel))
          .satisfies(e -> assertThat(e.getStatus().getCode().name()).isEqualTo("UNAVAILABLE"));
    }
  }

  @Test
  @DisplayName("connection info may arrive in any order: each dial gets the server of its own id")
  void outOfOrderInfo() throws Exception {
    connect(Broker.TIMEOUT);
    int first = host.nextId();
    int second = host.nextId();
    try (BrokeredServer two = host.acceptAndServe(second, probe(ServingStatus.NOT_SERVING).getHealthService());
        BrokeredServer one = host.acceptAndServe(first, probe(ServingStatus.SERVING).getHealthService())) {
      assertThat(checkProbe(plugin.dial(first))).as("the server dialled as id %d", first)
          .isEqualTo(ServingStatus.SERVING);
      assertThat(checkProbe(plugin.dial(second))).as("the server dialled as id %d", second)
          .isEqualTo(ServingStatus.NOT_SERVING);
    }
  }

  @Test
  @DisplayName("a dial whose id the other side never serves fails at the deadline, naming the id")
  void dialTimeout() throws Exception {
    connect(Duration.ofMillis(200));

    assertThatExceptionOfType(BrokerException.class).isThrownBy(() -> plugin.dial(99))
        .withMessage("no connection info for broker id 99 within 200 ms: the host did not serve that id"
            + " (acceptAndServe), or served it too late");
  }

  @Test
  @DisplayName("a dial waiting when the stream closes fails at once with why, not at its deadline")
  void streamClosedMidDial() throws Exception {
    connect(Duration.ofMinutes(1));
    CompletableFuture<ManagedChannel> dial = CompletableFuture.supplyAsync(() -> plugin.dial(7));
    Await.until(() -> plugin.isWaitingFor(7) || dial.isDone(), Duration.ofSeconds(5));
    assertThat(dial).as("the dial for id 7, before the host closed its broker").isNotDone();

    host.close();

    assertThat(dial).as("the dial, after the host closed its broker").failsWithin(Duration.ofSeconds(5))
        .withThrowableOfType(ExecutionException.class)
        .havingCause().isInstanceOf(BrokerException.class)
        .withMessage("stopped waiting for broker id 7: the host closed the broker stream");
  }

  @Test
  @DisplayName("a brokered server's socket is removed when it is closed, and every one when the broker closes")
  void noSocketsLeftBehind() throws Exception {
    connect(Broker.TIMEOUT);
    BrokeredServer closedByHand = host.acceptAndServe(host.nextId(), probe().getHealthService());
    host.acceptAndServe(host.nextId(), probe().getHealthService());
    Set<Path> sockets = host.socketDirs();
    assertThat(sockets).as("socket directories while serving").hasSize(2).allMatch(Files::isDirectory);

    closedByHand.close();
    host.close();

    assertThat(sockets).as("socket directories after closing").noneMatch(Files::exists);
    assertThat(host.socketDirs()).as("servers the broker still runs").isEmpty();
  }

  @Test
  @DisplayName("a multiplexing knock is answered with an ack that says multiplexing is not supported")
  void knockIsRefusedClearly() throws Exception {
    plugin = Broker.onPlugin(PeerTls.NONE, Broker.TIMEOUT);
    ManagedChannel channel = grpc.serve(plugin.service());
    LinkedBlockingQueue<ConnInfo> replies = new LinkedBlockingQueue<>();
    StreamObserver<ConnInfo> toPlugin = GRPCBrokerGrpc.newStub(channel).startStream(new StreamObserver<>() {
      @Override
      public void onNext(ConnInfo info) {
        replies.add(info);
      }

      @Override
      public void onError(Throwable t) {}

      @Override
      public void onCompleted() {}
    });

    toPlugin.onNext(ConnInfo.newBuilder().setServiceId(3)
        .setKnock(ConnInfo.Knock.newBuilder().setKnock(true)).build());

    ConnInfo ack = replies.poll(5, TimeUnit.SECONDS);
    assertThat(ack).as("the plugin's answer to a knock").isNotNull();
    assertThat(ack.getServiceId()).as("ack's service id").isEqualTo(3);
    assertThat(ack.getKnock().getAck()).as("ack flag").isTrue();
    assertThat(ack.getKnock().getError()).as("ack error")
        .contains("does not multiplex (PLUGIN_MULTIPLEX_GRPC)");
    toPlugin.onCompleted();
  }

  @Test
  @DisplayName("a broker of a host that never opened the stream cannot announce, and says so")
  void pluginWithoutStream() {
    plugin = Broker.onPlugin(PeerTls.NONE, Duration.ofMillis(200));

    assertThatExceptionOfType(BrokerException.class)
        .isThrownBy(() -> plugin.acceptAndServe(1, probe().getHealthService()))
        .withMessageContaining("the host opened no broker stream within 200 ms");
    assertThat(plugin.socketDirs()).as("servers left after the failed announce").isEmpty();
  }

  @Test
  @DisplayName("a dial of a server its side has closed connects lazily, and the first call fails as UNAVAILABLE")
  void helperGone() throws Exception {
    connect(Broker.TIMEOUT);
    int id = host.nextId();
    host.acceptAndServe(id, probe().getHealthService()).close();
    ManagedChannel channel = plugin.dial(id);

    assertThatExceptionOfType(StatusRuntimeException.class).isThrownBy(() -> checkProbe(channel))
        .satisfies(e -> assertThat(e.getStatus().getCode().name()).as("the call's status").isEqualTo("UNAVAILABLE"));
  }
}
