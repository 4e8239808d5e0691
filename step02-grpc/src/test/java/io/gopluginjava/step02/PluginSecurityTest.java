package io.gopluginjava.step02;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.gopluginjava.core.ClientConfig;
import io.gopluginjava.core.Network;
import io.gopluginjava.core.PluginChecksumException;
import io.gopluginjava.core.PluginClient;
import io.gopluginjava.core.PluginStartException;
import io.gopluginjava.core.Protocol;
import io.gopluginjava.core.ReattachConfig;
import io.gopluginjava.core.SecureConfig;
import io.gopluginjava.grpc.GrpcClientProtocol;
import io.gopluginjava.grpc.SelfSignedCert;
import io.gopluginjava.grpc.Transport;
import io.gopluginjava.step02.shared.KV;
import io.gopluginjava.step02.shared.KvGrpcPlugin;
import io.gopluginjava.step02.shared.Plugins;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.netty.GrpcSslContexts;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Who may talk to the KV plugin (AutoMTLS, socket permissions), served in this JVM by the test harness over a real
 * Unix socket with real TLS; and what a host refuses to start (SecureConfig).
 */
@DisplayName("a gRPC plugin guards its socket, and a host guards what it starts")
class PluginSecurityTest {

  @TempDir Path workDir;
  private PluginClient client;
  private ManagedChannel stranger;

  private ClientConfig.Builder kv() {
    return KvPluginTest.kv(workDir);
  }

  @AfterEach
  void close() throws InterruptedException {
    if (stranger != null) {
      stranger.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
    if (client != null) {
      client.kill();
    }
  }

  @Test
  @DisplayName("with AutoMTLS a client that shows no certificate is refused by the plugin's TLS, not left to time out")
  void clientWithoutCertificateIsRefused() throws Exception {
    client = new PluginClient(kv().build());
    client.start();
    var pluginCert = SelfSignedCert.fromHandshakeField(client.handshake().serverCert());
    // TLS 1.2, so that the refusal ends the handshake itself (AutoMtlsTest shows TLS 1.3 too)
    stranger = Transport.channel(client.handshake().network(), client.handshake().address(),
        GrpcSslContexts.forClient().trustManager(pluginCert).protocols("TLSv1.2").build());
    long started = System.nanoTime();
    assertThatExceptionOfType(StatusRuntimeException.class)
        .isThrownBy(() -> HealthGrpc.newBlockingStub(stranger).withDeadlineAfter(20, TimeUnit.SECONDS)
            .check(HealthCheckRequest.newBuilder().setService("plugin").build()))
        .satisfies(e -> assertThat(e.getStatus().getCode()).as("status").isEqualTo(Status.Code.UNAVAILABLE))
        .satisfies(e -> assertThat(e).as("cause chain").hasRootCauseInstanceOf(SSLHandshakeException.class));
    assertThat(Duration.ofNanos(System.nanoTime() - started)).as("time to refuse").isLessThan(Duration.ofSeconds(10));
    assertThat(HealthGrpc.newBlockingStub(GrpcClientProtocol.channelOf(client)).withDeadlineAfter(20, TimeUnit.SECONDS)
        .check(HealthCheckRequest.newBuilder().setService("plugin").build()).getStatus()).as("the host still gets through")
        .isEqualTo(HealthCheckResponse.ServingStatus.SERVING);
  }

  @Test
  @DisplayName("the plugin's Unix socket and its directory are owner-only")
  void socketIsOwnerOnly() throws Exception {
    client = new PluginClient(kv().build());
    Path socket = Path.of(client.start().address());

    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(socket))).as("socket").isEqualTo("rw-------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(socket.getParent()))).as("its directory")
        .isEqualTo("rwx------");
  }

  @Test
  @DisplayName("with the host's PLUGIN_UNIX_SOCKET_GROUP the plugin's socket gets that group and mode 0660")
  void socketGetsTheHostsGroup() throws Exception {
    int gid = (Integer) Files.getAttribute(workDir, "unix:gid");
    client = new PluginClient(kv().unixSocketGroup(String.valueOf(gid)).unixSocketDir(workDir).build());
    Path socket = Path.of(client.start().address());

    assertThat(socket.getParent().getParent()).as("the socket's directory's parent").isEqualTo(workDir);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(socket))).as("socket").isEqualTo("rw-rw----");
    assertThat(Files.getAttribute(socket, "unix:gid")).as("socket gid").isEqualTo(gid);
    client.dispense(Plugins.KV, KV.class).put("k", "v".getBytes(StandardCharsets.UTF_8));
  }

  @Test
  @DisplayName("an unknown PLUGIN_UNIX_SOCKET_GROUP makes the plugin exit with an error the host reports")
  void unknownGroupIsReported() {
    client = new PluginClient(kv().unixSocketGroup("no-such-group-x9").build());

    assertThatExceptionOfType(PluginStartException.class).isThrownBy(client::start)
        .withMessageContaining("exited with status 1")
        .withMessageContaining("PLUGIN_UNIX_SOCKET_GROUP=no-such-group-x9 is neither a numeric gid nor a group");
  }

  @Test
  @DisplayName("a gRPC host with SecureConfig refuses a plugin file with another SHA-256 and starts nothing")
  void checksumMismatchStartsNothing() throws Exception {
    Path marker = workDir.resolve("it-ran");
    Path script = Files.writeString(workDir.resolve("plugin.sh"), "#!/bin/sh\ntouch '" + marker + "'\n");
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
    client = new PluginClient(ClientConfig.builder().handshake(Plugins.HANDSHAKE)
        .plugin(Plugins.KV, new KvGrpcPlugin()).command(List.of(script.toString()))
        .secureConfig(SecureConfig.sha256("ab".repeat(32))).build());

    assertThatExceptionOfType(PluginChecksumException.class).isThrownBy(client::start)
        .withMessageContaining(script.toString()).withMessageContaining("ab".repeat(32));
    assertThat(marker).as("the marker the plugin would have written").doesNotExist();
  }

  @Test
  @DisplayName("SecureConfig, AutoMTLS or a command cannot be combined with reattaching, as in go-plugin")
  void reattachExcludesSecureConfig() {
    ReattachConfig running = new ReattachConfig(Protocol.GRPC, 1, Network.UNIX, "/tmp/x/plugin.sock", 1, false);
    ClientConfig.Builder reattach = ClientConfig.builder().handshake(Plugins.HANDSHAKE)
        .plugin(Plugins.KV, new KvGrpcPlugin()).reattach(running);

    assertThat(reattach.build().autoMtls()).as("AutoMTLS when reattaching").isFalse();
    assertThatIllegalArgumentException().isThrownBy(() -> reattach.secureConfig(SecureConfig.sha256("ab".repeat(32)))
        .build()).withMessageContaining("SecureConfig");
    assertThatIllegalArgumentException().isThrownBy(() -> reattach.secureConfig(null).autoMtls(true).build())
        .withMessageContaining("AutoMTLS");
    assertThatIllegalArgumentException().isThrownBy(() -> reattach.autoMtls(false).command(List.of("plugin")).build())
        .withMessageContaining("command");
  }
}
