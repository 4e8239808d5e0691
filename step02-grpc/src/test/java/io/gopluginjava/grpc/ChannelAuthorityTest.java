package io.gopluginjava.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.Status;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.protobuf.services.HealthStatusManager;
import io.grpc.ServerServiceDefinition;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every channel sends a valid HTTP/2 {@code :authority}, go-plugin's: a strict server (hyper and tonic, under Rust
 * plugins) resets a stream whose authority is not one, e.g. a Unix socket's path.
 */
@DisplayName("the :authority of a channel")
class ChannelAuthorityTest {

  @TempDir Path dir;
  private final Queue<String> arrived = new ConcurrentLinkedQueue<>();
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

  /**
   * What hyper accepts as an authority (RFC 3986: a reg-name or an IP literal, an optional port); anything else is
   * closed the way hyper resets it, so the call fails.
   */
  private final class StrictAuthority implements ServerInterceptor {
    private static final Pattern VALID = Pattern.compile("([A-Za-z0-9._~!$&'()*+,;=%-]+|\\[[0-9A-Fa-f:.]+\\])(:[0-9]+)?");

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
        ServerCallHandler<Q, R> next) {
      String authority = call.getAuthority();
      arrived.add(String.valueOf(authority));
      if (authority == null || !VALID.matcher(authority).matches()) {
        call.close(Status.INTERNAL.withDescription("PROTOCOL_ERROR: invalid :authority " + authority), new Metadata());
        return new ServerCall.Listener<>() {};
      }
      return next.startCall(call, headers);
    }
  }

  /** A health service reporting "probe" as SERVING, behind {@link StrictAuthority}. */
  private List<ServerServiceDefinition> strictProbe() {
    HealthStatusManager health = new HealthStatusManager();
    health.setStatus("probe", ServingStatus.SERVING);
    return List.of(ServerInterceptors.intercept(health.getHealthService(), new StrictAuthority()));
  }

  private ServingStatus check() {
    return HealthGrpc.newBlockingStub(channel).withDeadlineAfter(10, TimeUnit.SECONDS)
        .check(HealthCheckRequest.newBuilder().setService("probe").build()).getStatus();
  }

  @Test
  @DisplayName("a plaintext Unix-socket channel sends go-plugin's \"unused\", not the socket's path")
  void plaintextUnixSocket() throws Exception {
    String socket = dir.resolve("plugin.sock").toString();
    server = Transport.startServer("unix", socket, null, strictProbe());
    channel = Transport.channel("unix", socket, null);

    assertThat(check()).as("a call through a server that refuses an invalid authority").isEqualTo(ServingStatus.SERVING);
    assertThat(arrived).as("the :authority the server saw").containsOnly(Transport.PLAINTEXT_AUTHORITY);
  }

  @Test
  @DisplayName("a TLS Unix-socket channel sends localhost, the server name AutoMTLS checks")
  void tlsUnixSocket() throws Exception {
    SelfSignedCert plugin = SelfSignedCert.generate();
    SelfSignedCert host = SelfSignedCert.generate();
    String socket = dir.resolve("plugin.sock").toString();
    server = Transport.startServer("unix", socket, MtlsContexts.server(plugin, host.certificate()), strictProbe());
    channel = Transport.channel("unix", socket, MtlsContexts.client(host, plugin.certificate()));

    assertThat(check()).as("a call over mTLS through a strict server").isEqualTo(ServingStatus.SERVING);
    assertThat(arrived).as("the :authority the server saw").containsOnly(MtlsContexts.SERVER_NAME);
  }

  @Test
  @DisplayName("a plaintext TCP channel sends the same authority as a Unix-socket one")
  void plaintextTcp() throws Exception {
    server = Transport.startTcpServer(10000, 25000, null, strictProbe());
    int port = ((InetSocketAddress) server.getListenSockets().get(0)).getPort();
    channel = Transport.channel("tcp", InetAddress.getLoopbackAddress().getHostAddress() + ":" + port, null);

    assertThat(check()).as("a call over TCP through a strict server").isEqualTo(ServingStatus.SERVING);
    assertThat(arrived).as("the :authority the server saw").containsOnly(Transport.PLAINTEXT_AUTHORITY);
  }
}
