package io.gopluginjava.testing;

import io.gopluginjava.core.DependencyTraining;
import io.gopluginjava.grpc.MtlsContexts;
import io.gopluginjava.grpc.SelfSignedCert;
import io.gopluginjava.grpc.Transport;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.netty.GrpcSslContexts;
import io.grpc.protobuf.services.HealthStatusManager;
import io.grpc.protobuf.services.ProtoReflectionServiceV1;
import io.grpc.reflection.v1.ServerReflectionGrpc;
import io.grpc.reflection.v1.ServerReflectionRequest;
import io.grpc.reflection.v1.ServerReflectionResponse;
import io.grpc.stub.StreamObserver;
import io.netty.handler.ssl.SslContext;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * What a step02 or step03 plugin and host do with gRPC, Netty and protobuf, without any workbook piece: a server on a
 * Unix socket with AutoMTLS and one on loopback TCP in plaintext, each serving health and reflection through the
 * step's {@link Transport}, and a channel to each making a unary and a streaming call. The training of their
 * {@link io.gopluginjava.core.DependencyArchive}, beside step01's {@link NetRpcPluginTraining}.
 */
public final class GrpcPluginTraining implements DependencyTraining {

  private static final long TIMEOUT_SECONDS = 30;

  @Override
  public void run() throws Exception {
    SelfSignedCert plugin = SelfSignedCert.generate();
    SelfSignedCert host = SelfSignedCert.generate();
    SslContext serverTls = MtlsContexts.server(plugin, host.certificate());
    SslContext clientTls = GrpcSslContexts.forClient().keyManager(host.privateKey(), host.certificate())
        .trustManager(plugin.certificate()).build();
    Path dir = Files.createTempDirectory("dependency-training");
    Path socket = dir.resolve("plugin.sock");
    try {
      serveAndCall("unix", socket.toString(), serverTls, clientTls);
      serveAndCall("tcp", InetAddress.getLoopbackAddress().getHostAddress() + ":0", null, null);
    } finally {
      Files.deleteIfExists(socket);
      Files.delete(dir);
    }
  }

  private static void serveAndCall(String network, String address, SslContext serverTls, SslContext clientTls)
      throws Exception {
    HealthStatusManager health = new HealthStatusManager();
    health.setStatus("plugin", ServingStatus.SERVING);
    Server server = Transport.startServer(network, address, serverTls, Transport.bind(List.of(
        health.getHealthService(), ProtoReflectionServiceV1.newInstance())));
    String dialed = network.equals("unix") ? address
        : address.substring(0, address.lastIndexOf(':') + 1) + server.getPort();
    ManagedChannel channel = Transport.channel(network, dialed, clientTls);
    try {
      HealthGrpc.newBlockingStub(channel).withDeadlineAfter(TIMEOUT_SECONDS, TimeUnit.SECONDS)
          .check(HealthCheckRequest.newBuilder().setService("plugin").build());
      CompletableFuture<ServerReflectionResponse> listed = new CompletableFuture<>();
      StreamObserver<ServerReflectionRequest> requests = ServerReflectionGrpc.newStub(channel)
          .serverReflectionInfo(new StreamObserver<>() {
            @Override
            public void onNext(ServerReflectionResponse response) {
              listed.complete(response);
            }

            @Override
            public void onError(Throwable t) {
              listed.completeExceptionally(t);
            }

            @Override
            public void onCompleted() {
              listed.completeExceptionally(new IllegalStateException("reflection ended without an answer"));
            }
          });
      requests.onNext(ServerReflectionRequest.newBuilder().setListServices("*").build());
      listed.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
      requests.onCompleted();
    } finally {
      channel.shutdownNow().awaitTermination(TIMEOUT_SECONDS, TimeUnit.SECONDS);
      server.shutdownNow().awaitTermination(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }
  }
}
