package io.gopluginjava.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.netty.GrpcSslContexts;
import io.grpc.protobuf.services.HealthStatusManager;
import io.netty.handler.ssl.SslContext;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** AutoMTLS with real TLS over a real Unix socket, both sides in this JVM. */
@DisplayName("AutoMTLS")
class AutoMtlsTest {

  @TempDir Path dir;
  private Server server;
  private ManagedChannel channel;

  @AfterEach
  void close() throws InterruptedException {
    if (channel != null) {
      channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
    if (server != null) {
      server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
  }

  @Test
  @DisplayName("certificates are go-plugin's: ECDSA P-521, CN and DNS name localhost, a CA, for client and server auth")
  void certificateIsGoPlugins() throws Exception {
    X509Certificate cert = SelfSignedCert.generate().certificate();

    assertThat(((ECPublicKey) cert.getPublicKey()).getParams().getCurve().getField().getFieldSize()).as("curve bits")
        .isEqualTo(521);
    assertThat(cert.getSubjectX500Principal().getName()).as("subject").contains("CN=localhost");
    assertThat(cert.getSubjectAlternativeNames()).as("SANs").containsExactly(List.of(2, "localhost"));
    assertThat(cert.getBasicConstraints()).as("CA path length (-1: not a CA)").isNotNegative();
    assertThat(cert.getExtendedKeyUsage()).as("extended key usage")
        .containsExactlyInAnyOrder("1.3.6.1.5.5.7.3.1", "1.3.6.1.5.5.7.3.2");
  }

  @Test
  @DisplayName("the handshake's certificate field is base64 DER without padding, which a Go host needs, and reads back")
  void handshakeFieldHasNoPadding() {
    SelfSignedCert cert = SelfSignedCert.generate();

    String field = cert.handshakeField();

    assertThat(field).as("the field").doesNotContain("=", "\n").hasSizeGreaterThan(50);
    assertThat(SelfSignedCert.fromHandshakeField(field)).as("read back").isEqualTo(cert.certificate());
    assertThat(SelfSignedCert.fromPem(cert.pem())).as("PEM read back").isEqualTo(cert.certificate());
  }

  private void pluginWithHost(SelfSignedCert pluginCert, SelfSignedCert hostCert) throws Exception {
    HealthStatusManager health = new HealthStatusManager();
    GrpcPluginServer.registerHealth(health);
    String socket = dir.resolve("plugin.sock").toString();
    server = Transport.startServer("unix", socket, MtlsContexts.server(pluginCert, hostCert.certificate()),
        List.of(Transport.bind(health.getHealthService())));
  }

  private ServingStatus ping(SelfSignedCert clientCert, X509Certificate trusted) {
    channel = Transport.channel("unix", dir.resolve("plugin.sock").toString(), MtlsContexts.client(clientCert, trusted));
    return HealthGrpc.newBlockingStub(channel).withDeadlineAfter(10, TimeUnit.SECONDS)
        .check(HealthCheckRequest.newBuilder().setService("plugin").build()).getStatus();
  }

  @Test
  @DisplayName("a host with its own certificate, trusting the one the plugin announced, gets through")
  void matchingCertificatesConnect() throws Exception {
    SelfSignedCert plugin = SelfSignedCert.generate();
    SelfSignedCert host = SelfSignedCert.generate();
    pluginWithHost(plugin, host);

    assertThat(ping(host, plugin.certificate())).as("health over mTLS").isEqualTo(ServingStatus.SERVING);
  }

  @Test
  @DisplayName("a client with another certificate than the host's is refused by the plugin")
  void anotherClientCertificateIsRefused() throws Exception {
    SelfSignedCert plugin = SelfSignedCert.generate();
    pluginWithHost(plugin, SelfSignedCert.generate());

    assertThatExceptionOfType(StatusRuntimeException.class)
        .isThrownBy(() -> ping(SelfSignedCert.generate(), plugin.certificate()))
        .satisfies(e -> assertThat(e.getStatus().getCode().name()).as("status").isEqualTo("UNAVAILABLE"));
  }

  @Test
  @DisplayName("a plugin whose certificate is not the one announced is refused by the host")
  void anotherServerCertificateIsRefused() throws Exception {
    SelfSignedCert host = SelfSignedCert.generate();
    pluginWithHost(SelfSignedCert.generate(), host);

    assertThatExceptionOfType(StatusRuntimeException.class)
        .isThrownBy(() -> ping(host, SelfSignedCert.generate().certificate()))
        .satisfies(e -> assertThat(e.getStatus().getCode().name()).as("status").isEqualTo("UNAVAILABLE"));
  }

  /** A TLS client that trusts the plugin but has no certificate of its own to show. */
  static SslContext noClientCertificate(X509Certificate trusted, String tlsVersion) throws SSLException {
    return GrpcSslContexts.forClient().trustManager(trusted).protocols(tlsVersion).build();
  }

  /**
   * With TLS 1.2 the plugin's refusal ends the client's handshake: a handshake exception, every time. With TLS 1.3
   * (what both sides pick by default) the client's handshake is over before the plugin reads the client's empty
   * certificate, so the refusal arrives as an alert or just a closed connection on the first call: either way the
   * call fails at once as UNAVAILABLE, not when its deadline runs out.
   */
  @ParameterizedTest(name = "{0}")
  @DisplayName("a client with no certificate at all is refused by the plugin's TLS, at once")
  @ValueSource(strings = {"TLSv1.2", "TLSv1.3"})
  void noClientCertificateIsRefused(String tlsVersion) throws Exception {
    SelfSignedCert plugin = SelfSignedCert.generate();
    pluginWithHost(plugin, SelfSignedCert.generate());
    channel = Transport.channel("unix", dir.resolve("plugin.sock").toString(),
        noClientCertificate(plugin.certificate(), tlsVersion));
    long started = System.nanoTime();

    assertThatExceptionOfType(StatusRuntimeException.class)
        .isThrownBy(() -> HealthGrpc.newBlockingStub(channel).withDeadlineAfter(20, TimeUnit.SECONDS)
            .check(HealthCheckRequest.newBuilder().setService("plugin").build()))
        .satisfies(e -> assertThat(e.getStatus().getCode()).as("status").isEqualTo(Status.Code.UNAVAILABLE))
        .satisfies(e -> {
          if (tlsVersion.equals("TLSv1.2")) {
            assertThat(e).as("cause chain").hasRootCauseInstanceOf(SSLHandshakeException.class);
          }
        });
    assertThat(Duration.ofNanos(System.nanoTime() - started)).as("time to refuse").isLessThan(Duration.ofSeconds(10));
  }
}
