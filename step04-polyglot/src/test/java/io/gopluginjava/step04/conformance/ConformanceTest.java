package io.gopluginjava.step04.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import com.google.protobuf.Empty;
import io.gopluginjava.core.Handshake;
import io.gopluginjava.core.HandshakeEnvironment;
import io.gopluginjava.core.PluginListener;
import io.gopluginjava.core.PluginOutput;
import io.gopluginjava.core.PluginProcess;
import io.gopluginjava.core.ProtocolVersions;
import io.gopluginjava.grpc.GrpcClientConfig;
import io.gopluginjava.grpc.GrpcPluginClient;
import io.gopluginjava.grpc.GrpcPluginServer;
import io.gopluginjava.grpc.HclogOutput;
import io.gopluginjava.grpc.LogEntry;
import io.gopluginjava.grpc.MtlsContexts;
import io.gopluginjava.grpc.SelfSignedCert;
import io.gopluginjava.grpc.Transport;
import io.gopluginjava.grpc.proto.GRPCStdioGrpc;
import io.gopluginjava.grpc.proto.StdioData;
import io.gopluginjava.step02.shared.Plugins;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.stub.StreamObserver;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ArgumentsSource;

/**
 * What go-plugin expects of a plugin of its KV or Counter example (cookie BASIC_PLUGIN=hello, app version 1,
 * {@code proto.KV} or {@code proto.Counter}), checked against any plugin command: {@code mvn test -pl step04-polyglot
 * -Dtest=ConformanceTest -Dplugin.cmd="/abs/path/my-plugin" [-Dplugin.contract=counter]}. The command runs through
 * {@code sh -c} in a fresh temporary directory, so give absolute paths. Every failure says what go-plugin expects.
 */
@DisplayName("plugin conformance: what go-plugin expects of any plugin")
class ConformanceTest {

  @TempDir Path workDir;
  private final List<AutoCloseable> toClose = new ArrayList<>();

  @AfterEach
  void close() throws Exception {
    for (AutoCloseable closeable : toClose) {
      closeable.close();
    }
  }

  /** A host of the target, over the wire only: a Java plugin of ours is served in this JVM (see {@link Target}). */
  private GrpcPluginClient client(Target target, boolean mtls) {
    GrpcClientConfig.Builder config = host(target, mtls);
    target.inJvm().ifPresent(launcher -> config.launcher(launcher.apply(workDir)));
    return started(config);
  }

  private GrpcClientConfig.Builder host(Target target, boolean mtls) {
    return target.contract().configure(GrpcClientConfig.builder())
        .handshake(Plugins.HANDSHAKE)
        .shellCommand(target.shellLineIn().apply(workDir))
        .autoMtls(mtls)
        .startTimeout(Duration.ofSeconds(30));
  }

  private GrpcPluginClient started(GrpcClientConfig.Builder config) {
    GrpcPluginClient client = new GrpcPluginClient(config.build());
    toClose.add(client);
    return client;
  }

  /** The plugin started by hand with {@code env}, so a test sees exactly what it prints. */
  private PluginProcess launch(Target target, Map<String, String> env) {
    PluginProcess process = PluginProcess.start(target.name(),
        List.of("sh", "-c", target.shellLineIn().apply(workDir)), env, PluginOutput.log());
    toClose.add(() -> {
      process.destroyForcibly();
      process.joinPumps(Duration.ofSeconds(2));
    });
    return process;
  }

  private static Map<String, String> hostEnvironment(String versions) {
    Map<String, String> env = new LinkedHashMap<>(HandshakeEnvironment.of(Plugins.HANDSHAKE, List.of(1), "unix"));
    env.put(ProtocolVersions.ENV, versions);
    return env;
  }

  @ParameterizedTest(name = "{0}")
  @ArgumentsSource(Target.Provider.class)
  @DisplayName("without the magic cookie it refuses to run: a message on stderr, exit status 1, no handshake")
  void refusesWithoutCookie(Target target) {
    PluginProcess process = launch(target, Map.of(PluginListener.MIN_PORT_ENV, "10000"));

    assertThat(process.awaitExit(Duration.ofSeconds(30)))
        .as("go-plugin's plugin.Serve exits at once when BASIC_PLUGIN=hello is missing; this plugin kept running")
        .isTrue();
    process.joinPumps(Duration.ofSeconds(5)); // the stderr lines are read by another thread: let it finish
    assertThat(process.exitStatus()).as("go-plugin exits with status 1 when BASIC_PLUGIN=hello is missing (stderr: %s)",
        process.lastStderrLines()).hasValue(1);
    assertThat(process.lastStderrLines()).as("go-plugin explains on stderr that it is a plugin, not a program")
        .isNotEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @ArgumentsSource(Target.Provider.class)
  @DisplayName("its handshake line is core 1, app version 1, a unix or tcp address and protocol grpc")
  void handshakeLine(Target target) {
    String line = launch(target, hostEnvironment("1")).awaitHandshakeLine(Duration.ofSeconds(30));

    Handshake handshake = Handshake.parse(line);
    assertThat(handshake.coreVersion()).as("field 1 of %s: go-plugin's core protocol version is 1", line).isEqualTo(1);
    assertThat(handshake.appVersion()).as("field 2 of %s: the app version the host offered", line).isEqualTo(1);
    assertThat(handshake.network()).as("field 3 of %s: go-plugin dials unix or tcp", line).isIn("unix", "tcp");
    assertThat(handshake.protocol()).as("field 5 of %s: a gRPC plugin says grpc (a missing field means netrpc)", line)
        .isEqualTo(GrpcPluginServer.PROTOCOL);
    assertThat(handshake.serverCert()).as("field 6 of %s: no certificate unless the host sent PLUGIN_CLIENT_CERT", line)
        .isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @ArgumentsSource(Target.Provider.class)
  @DisplayName("offered only versions it does not speak, it serves its own (lowest) and lets the host refuse")
  void versionNegotiation(Target target) {
    String line = launch(target, hostEnvironment("7,8")).awaitHandshakeLine(Duration.ofSeconds(30));

    assertThat(Handshake.parse(line).appVersion())
        .as("field 2 of %s: with no common version go-plugin serves its lowest, 1, not one it was offered", line)
        .isEqualTo(1);
  }

  @ParameterizedTest(name = "{0}")
  @ArgumentsSource(Target.Provider.class)
  @DisplayName("its health service reports \"plugin\" as SERVING")
  void health(Target target) {
    GrpcPluginClient client = client(target, false);

    ServingStatus status = HealthGrpc.newBlockingStub(client.channel()).withDeadlineAfter(10, TimeUnit.SECONDS)
        .check(HealthCheckRequest.newBuilder().setService(GrpcPluginServer.HEALTH_SERVICE).build()).getStatus();

    assertThat(status).as("grpc.health.v1.Health/Check(\"plugin\"): go-plugin registers it SERVING").isEqualTo(
        ServingStatus.SERVING);
  }

  @ParameterizedTest(name = "{0}")
  @ArgumentsSource(Target.Provider.class)
  @DisplayName("it answers its contract's calls as go-plugin's example plugins do (KV: Put/Get; Counter: Put calls back)")
  void contract(Target target) {
    target.contract().exercise(client(target, false));
  }

  @ParameterizedTest(name = "{0}")
  @ArgumentsSource(Target.Provider.class)
  @DisplayName("it serves GRPCStdio, the stream the host opens to mirror the plugin's stdout and stderr")
  void stdio(Target target) throws Exception {
    GrpcPluginClient client = client(target, false);
    CompletableFuture<Status> ended = new CompletableFuture<>();
    GRPCStdioGrpc.newStub(client.channel()).withDeadlineAfter(1, TimeUnit.SECONDS)
        .streamStdio(Empty.getDefaultInstance(), new StreamObserver<>() {
          @Override
          public void onNext(StdioData data) {}

          @Override
          public void onError(Throwable t) {
            ended.complete(Status.fromThrowable(t));
          }

          @Override
          public void onCompleted() {
            ended.complete(Status.OK);
          }
        });

    assertThat(ended.get(10, TimeUnit.SECONDS).getCode())
        .as("how plugin.GRPCStdio/StreamStdio ended: go-plugin serves it and keeps it open until the plugin exits"
            + " (UNIMPLEMENTED means the plugin does not serve it)")
        .isNotEqualTo(Status.Code.UNIMPLEMENTED);
  }

  @ParameterizedTest(name = "{0}")
  @ArgumentsSource(Target.Provider.class)
  @DisplayName("GRPCController.Shutdown makes it exit by itself, with status 0, within 2 s, which the host logs as a normal stop")
  void shutdown(Target target) {
    List<LogEntry> logs = new CopyOnWriteArrayList<>();
    GrpcPluginClient client = started(host(target, false).output(new HclogOutput((name, entry) -> logs.add(entry))));
    client.start();

    long started = System.nanoTime();
    client.kill();
    Duration took = Duration.ofNanos(System.nanoTime() - started);

    assertThat(client.exitStatus()).as("exit status after plugin.GRPCController/Shutdown (took %d ms; go-plugin's host"
        + " kills a plugin still running after 2 s)", took.toMillis()).hasValue(0);
    // A Go plugin stops its server before it replies (grpc_controller.go): UNAVAILABLE, then exit 0, is no failure.
    assertThat(logs).as("what the host logged about the stop").noneMatch(entry -> entry.message().contains("Shutdown failed"));
  }

  @ParameterizedTest(name = "{0}")
  @ArgumentsSource(Target.Provider.class)
  @DisplayName("with AutoMTLS it announces its certificate and answers its contract over mutual TLS")
  void autoMtls(Target target) {
    GrpcPluginClient client = client(target, true);
    client.start();

    assertThat(client.handshake().serverCert()).as("field 6: go-plugin sends its DER certificate, base64 without"
        + " padding, when the host sets PLUGIN_CLIENT_CERT").hasSizeGreaterThan(50).doesNotEndWith("=");
    target.contract().exercise(client);
  }

  @ParameterizedTest(name = "{0}")
  @ArgumentsSource(Target.Provider.class)
  @DisplayName("with AutoMTLS it refuses a client that presents another certificate than the host's")
  void mtlsRefusesStrangers(Target target) throws Exception {
    GrpcPluginClient client = client(target, true);
    Handshake handshake = client.start();
    SelfSignedCert stranger = SelfSignedCert.generate();
    ManagedChannel channel = Transport.channel(handshake.network(), handshake.address(),
        MtlsContexts.client(stranger, SelfSignedCert.fromHandshakeField(handshake.serverCert())));
    toClose.add(() -> channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS));

    assertThatExceptionOfType(StatusRuntimeException.class)
        .as("a call from a client whose certificate is not PLUGIN_CLIENT_CERT: go-plugin requires exactly that one")
        .isThrownBy(() -> HealthGrpc.newBlockingStub(channel).withDeadlineAfter(10, TimeUnit.SECONDS)
            .check(HealthCheckRequest.newBuilder().setService(GrpcPluginServer.HEALTH_SERVICE).build()));
  }
}
