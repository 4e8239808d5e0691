package io.gopluginjava.step04.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Empty;
import io.gopluginjava.core.ClientConfig;
import io.gopluginjava.core.Handshake;
import io.gopluginjava.core.HandshakeEnvironment;
import io.gopluginjava.core.PluginClient;
import io.gopluginjava.core.PluginListener;
import io.gopluginjava.core.PluginProcess;
import io.gopluginjava.core.ProtocolVersions;
import io.gopluginjava.core.UnixSocketDir;
import io.gopluginjava.grpc.GrpcClientProtocol;
import io.gopluginjava.grpc.GrpcPluginServer;
import io.gopluginjava.grpc.HclogOutput;
import io.gopluginjava.grpc.LogEntry;
import io.gopluginjava.grpc.MtlsContexts;
import io.gopluginjava.grpc.SelfSignedCert;
import io.gopluginjava.grpc.proto.GRPCControllerGrpc;
import io.gopluginjava.grpc.proto.GRPCStdioGrpc;
import io.gopluginjava.grpc.proto.StdioData;
import io.gopluginjava.step02.shared.Plugins;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import io.grpc.stub.StreamObserver;
import io.netty.handler.ssl.SslContext;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.TestReporter;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ArgumentsSource;

/**
 * What go-plugin expects of a plugin of its KV or Counter example (cookie BASIC_PLUGIN=hello, app version 1,
 * {@code proto.KV} or {@code proto.Counter}), checked against any plugin command: {@code ./conformance --contract kv
 * -- /abs/path/my-plugin} at the repository's root. The command runs through {@code sh -c} in a fresh temporary
 * directory. Each check fails for its own reason only, and every failure says what go-plugin expects ({@link Check}
 * has the summary); {@code ConformanceSelfTest} proves it with one flawed plugin per check.
 */
@DisplayName("plugin conformance: what go-plugin expects of any plugin")
@TestMethodOrder(Check.InOrder.class)
class ConformanceTest {

  /**
   * go-plugin v1.8.0 {@code server.go}, {@code Serve}: what a plugin prints on stderr when the magic cookie is
   * missing, before it exits with status 1.
   */
  static final String NOT_A_HOST_MESSAGE = "This binary is a plugin. These are not meant to be executed directly.\n"
      + "Please execute the program that consumes these plugins, which will\n"
      + "load any plugins automatically\n";

  @TempDir Path workDir;
  @TempDir Path scratch;
  private final List<AutoCloseable> toClose = new ArrayList<>();
  private final RecordingOutput output = new RecordingOutput();

  @AfterEach
  void close(TestReporter reporter) throws Exception {
    for (AutoCloseable closeable : toClose) {
      closeable.close();
    }
    if (!output.stderr().isEmpty()) {
      reporter.publishEntry(RecordingOutput.ENTRY, output.stderr());
    }
  }

  /** A host of the target, over the wire only: a Java plugin of ours is served in this JVM (see {@link Target}). */
  private PluginClient client(Target target, boolean mtls) {
    ClientConfig.Builder config = host(target, mtls);
    target.inJvm().ifPresent(launcher -> config.launcher(launcher.apply(workDir)));
    return started(config);
  }

  /** Sockets in {@link #scratch}, so that what a killed plugin leaves behind is removed with it. */
  private ClientConfig.Builder host(Target target, boolean mtls) {
    return target.contract().configure(ClientConfig.builder())
        .handshake(Plugins.HANDSHAKE)
        .shellCommand(target.shellLineIn().apply(workDir))
        .autoMtls(mtls)
        .output(output)
        .unixSocketDir(scratch)
        .env("TMPDIR", scratch.toString())
        .startTimeout(Duration.ofSeconds(30));
  }

  private PluginClient started(ClientConfig.Builder config) {
    PluginClient client = new PluginClient(config.build());
    toClose.add(client);
    return client;
  }

  /** The plugin started by hand with {@code env}, so a test sees exactly what it prints; it is killed afterwards. */
  private PluginProcess launch(Target target, Map<String, String> env) {
    Map<String, String> withScratch = new LinkedHashMap<>(env);
    withScratch.put(UnixSocketDir.DIR_ENV, scratch.toString());
    withScratch.put("TMPDIR", scratch.toString());
    PluginProcess process = PluginProcess.start(target.name(),
        List.of("sh", "-c", target.shellLineIn().apply(workDir)), withScratch, output);
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

  private static void assumeAutoMtls(Target target) {
    Assumptions.assumeTrue(target.autoMtls(), "the plugin was declared without AutoMTLS (--no-auto-mtls): a go-plugin"
        + " host with ClientConfig.AutoMTLS on will refuse it; hosts with AutoMTLS off (go-plugin's default) load it");
  }

  @ParameterizedTest(name = "{0}")
  @ArgumentsSource(Target.Provider.class)
  @DisplayName("without the magic cookie it refuses to run: go-plugin's message on stderr, exit status 1, no handshake")
  void refusesWithoutCookie(Target target) throws Exception {
    Path stdout = scratch.resolve("stdout");
    Path stderr = scratch.resolve("stderr");
    ProcessBuilder builder = new ProcessBuilder("sh", "-c", target.shellLineIn().apply(workDir))
        .redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).redirectInput(ProcessBuilder.Redirect.INHERIT);
    builder.environment().remove(Plugins.HANDSHAKE.magicCookieKey());
    builder.environment().put(PluginListener.MIN_PORT_ENV, "10000");
    Process process = builder.start();
    toClose.add(() -> {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
    });

    boolean exited = process.waitFor(30, TimeUnit.SECONDS);
    String err = Files.readString(stderr, StandardCharsets.UTF_8);
    output.stderr(err.lines().toList());
    assertThat(exited).as("go-plugin's plugin.Serve exits at once when BASIC_PLUGIN=hello is missing; this plugin"
        + " kept running for 30 s").isTrue();
    assertThat(err).as("stderr without BASIC_PLUGIN=hello: go-plugin prints exactly this message (server.go, Serve)")
        .contains(NOT_A_HOST_MESSAGE);
    assertThat(process.exitValue()).as("exit status without BASIC_PLUGIN=hello: go-plugin exits with 1").isEqualTo(1);
    assertThat(Files.readString(stdout, StandardCharsets.UTF_8))
        .as("stdout without BASIC_PLUGIN=hello: go-plugin prints no handshake line and nothing else").isEmpty();
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
  @DisplayName("its health service reports \"plugin\" as SERVING, to Check and to Watch")
  void health(Target target) throws Exception {
    PluginClient client = client(target, false);
    HealthCheckRequest plugin = HealthCheckRequest.newBuilder().setService(GrpcPluginServer.HEALTH_SERVICE).build();

    ServingStatus status = HealthGrpc.newBlockingStub(GrpcClientProtocol.channelOf(client)).withDeadlineAfter(10, TimeUnit.SECONDS)
        .check(plugin).getStatus();
    CompletableFuture<ServingStatus> watched = new CompletableFuture<>();
    CompletableFuture<ClientCallStreamObserver<HealthCheckRequest>> call = new CompletableFuture<>();
    HealthGrpc.newStub(GrpcClientProtocol.channelOf(client)).withDeadlineAfter(10, TimeUnit.SECONDS).watch(plugin,
        new ClientResponseObserver<HealthCheckRequest, HealthCheckResponse>() {
          @Override
          public void beforeStart(ClientCallStreamObserver<HealthCheckRequest> requests) {
            call.complete(requests);
          }

          @Override
          public void onNext(HealthCheckResponse response) {
            watched.complete(response.getStatus());
          }

          @Override
          public void onError(Throwable t) {
            watched.completeExceptionally(t);
          }

          @Override
          public void onCompleted() {
            watched.completeExceptionally(new IllegalStateException("Watch ended without a status"));
          }
        });
    // Ended before the plugin is: a Java plugin stops its server gracefully, and would wait for an open Watch.
    toClose.add(0, () -> call.join().cancel("the check is over", null));

    assertThat(status).as("grpc.health.v1.Health/Check(\"plugin\"): go-plugin registers it SERVING").isEqualTo(
        ServingStatus.SERVING);
    assertThat(watched).as("grpc.health.v1.Health/Watch(\"plugin\")'s first answer: go-plugin's grpc-go health"
        + " server sends SERVING at once").succeedsWithin(Duration.ofSeconds(10)).isEqualTo(ServingStatus.SERVING);
  }

  @ParameterizedTest(name = "{0}")
  @ArgumentsSource(Target.Provider.class)
  @DisplayName("it answers its contract's calls as go-plugin's example plugins do (KV: Put/Get; Counter: Put calls back)")
  void contract(Target target) {
    target.contract().exercise(client(target, false));
  }

  @ParameterizedTest(name = "{0}")
  @ArgumentsSource(Target.Provider.class)
  @DisplayName("it serves GRPCStdio, the stream the host opens to mirror the plugin's stdout and stderr, and keeps it open")
  void stdio(Target target) throws Exception {
    PluginClient client = client(target, false);
    CompletableFuture<Status> ended = new CompletableFuture<>();
    CompletableFuture<ClientCallStreamObserver<Empty>> call = new CompletableFuture<>();
    GRPCStdioGrpc.newStub(GrpcClientProtocol.channelOf(client)).streamStdio(Empty.getDefaultInstance(),
        new ClientResponseObserver<Empty, StdioData>() {
          @Override
          public void beforeStart(ClientCallStreamObserver<Empty> requests) {
            call.complete(requests);
          }

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
    toClose.add(() -> call.join().cancel("the check is over", null));

    Status status;
    try {
      // How long the stream must stay open to count as served (Target.STDIO_OBSERVED_MILLIS): the host keeps it for
      // the plugin's life.
      status = ended.get(target.stdioObserved().toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException stillOpen) {
      return; // served, and open for as long as this host watched it: what go-plugin's host expects
    }
    assertThat(status.getCode()).as("plugin.GRPCStdio/StreamStdio ended after less than %d ms with %s: go-plugin"
        + " serves it and keeps it open until the plugin exits (UNIMPLEMENTED: the plugin does not serve it)",
        target.stdioObserved().toMillis(), status).isIn(Status.Code.OK, Status.Code.UNAVAILABLE, Status.Code.CANCELLED);
  }

  @ParameterizedTest(name = "{0}")
  @ArgumentsSource(Target.Provider.class)
  @DisplayName("GRPCController.Shutdown makes it exit by itself, with status 0, within 2 s, which the host logs as a"
      + " normal stop")
  void shutdown(Target target) {
    List<LogEntry> logs = new CopyOnWriteArrayList<>();
    PluginClient client = started(host(target, false).output(new HclogOutput((name, entry) -> logs.add(entry))));
    client.start();

    long started = System.nanoTime();
    client.kill();
    Duration took = Duration.ofNanos(System.nanoTime() - started);

    assertThat(client.exitStatus()).as("exit status after plugin.GRPCController/Shutdown (took %d ms; go-plugin's host"
        + " kills a plugin still running after 2 s)", took.toMillis()).hasValue(0);
    // A Go plugin stops its server before it replies (grpc_controller.go): UNAVAILABLE, then exit 0, is no failure.
    assertThat(logs).as("what the host logged about the stop")
        .noneMatch(entry -> entry.message().contains("Shutdown failed"));
  }

  @ParameterizedTest(name = "{0}")
  @ArgumentsSource(Target.Provider.class)
  @DisplayName("once stopped, it has left no socket file or directory behind")
  void leavesNoSocketBehind(Target target) throws IOException {
    Path sockets = Files.createDirectory(scratch.resolve("sockets"));
    PluginClient client = started(host(target, false).unixSocketDir(sockets).env("TMPDIR", sockets.toString()));
    client.start();
    // The plugin's own stop, observed before kill(): our host removes a dead plugin's socket, go-plugin's does not.
    try {
      GRPCControllerGrpc.newBlockingStub(GrpcClientProtocol.channelOf(client)).withDeadlineAfter(2, TimeUnit.SECONDS)
          .shutdown(io.gopluginjava.grpc.proto.Empty.getDefaultInstance());
    } catch (StatusRuntimeException stoppedBeforeItReplied) {
      // go-plugin's controller stops the server before it answers (grpc_controller.go): UNAVAILABLE is a stop too.
    }
    client.processHandle().onExit().completeOnTimeout(null, 2, TimeUnit.SECONDS).join();

    try (Stream<Path> left = Files.walk(sockets)) {
      assertThat(left.filter(path -> !path.equals(sockets)).map(Path::toString).toList())
          .as("what the plugin (exit status %s) left in PLUGIN_UNIX_SOCKET_DIR and TMPDIR: go-plugin's listener"
              + " removes its socket when the server stops", client.exitStatus().isPresent()
              ? String.valueOf(client.exitStatus().getAsInt()) : "unknown").isEmpty();
    } finally {
      client.kill();
    }
  }

  @ParameterizedTest(name = "{0}")
  @ArgumentsSource(Target.Provider.class)
  @DisplayName("with AutoMTLS it announces its certificate and answers over mutual TLS")
  void autoMtls(Target target) {
    assumeAutoMtls(target);
    PluginClient client = client(target, true);
    client.start();

    assertThat(client.handshake().serverCert()).as("field 6: go-plugin sends its DER certificate, base64 without"
        + " padding, when the host sets PLUGIN_CLIENT_CERT").hasSizeGreaterThan(50).doesNotEndWith("=");
    // A call over the mutual TLS the host has set up; the contract's own calls are the contract check's business.
    assertThat(HealthGrpc.newBlockingStub(GrpcClientProtocol.channelOf(client)).withDeadlineAfter(10, TimeUnit.SECONDS)
        .check(HealthCheckRequest.newBuilder().setService(GrpcPluginServer.HEALTH_SERVICE).build()).getStatus())
        .as("grpc.health.v1.Health/Check(\"plugin\") over mutual TLS").isEqualTo(ServingStatus.SERVING);
  }

  @ParameterizedTest(name = "{0}")
  @ArgumentsSource(Target.Provider.class)
  @DisplayName("with AutoMTLS it refuses, in the TLS handshake, a client that presents another certificate than the host's")
  void mtlsRefusesStrangers(Target target) throws Exception {
    assumeAutoMtls(target);
    PluginClient client = client(target, true);
    Handshake handshake = client.start(); // the plugin answers its own host: a refusal below is the plugin's choice
    SslContext stranger = MtlsContexts.client(SelfSignedCert.generate(),
        SelfSignedCert.fromHandshakeField(handshake.serverCert()));

    TlsProbe.Result result = TlsProbe.handshake(handshake.network(), handshake.address(), stranger,
        Duration.ofSeconds(10));

    assertThat(result.outcome()).as("a TLS handshake with a client certificate that is not PLUGIN_CLIENT_CERT: %s;"
        + " go-plugin requires exactly the host's certificate and refuses the handshake (an alert); a plugin that"
        + " answers, closes without an alert or stays silent does not refuse it", result.detail())
        .isEqualTo(TlsProbe.Outcome.REFUSED);
    assertThat(client.processHandle() == null || client.processHandle().isAlive())
        .as("the plugin is still running after refusing the stranger").isTrue();
  }
}
