package io.gopluginjava.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.gopluginjava.grpc.proto.Empty;
import io.gopluginjava.grpc.proto.GRPCControllerGrpc;
import io.gopluginjava.grpc.proto.GRPCStdioGrpc;
import io.gopluginjava.grpc.proto.StdioData;
import io.gopluginjava.testing.InProcessGrpc;
import io.grpc.ManagedChannel;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.protobuf.services.HealthStatusManager;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** go-plugin's own services, each on grpc-java's in-process transport. */
@DisplayName("the services go-plugin adds beside a plugin's own")
class GoPluginServicesTest {

  @RegisterExtension final InProcessGrpc grpc = new InProcessGrpc();

  @Test
  @DisplayName("health reports the service \"plugin\" as SERVING, which is how hosts and tools ping a plugin")
  void healthReportsPluginServing() throws Exception {
    HealthStatusManager health = new HealthStatusManager();
    GrpcPluginServer.registerHealth(health);
    ManagedChannel channel = grpc.serve(health.getHealthService());

    ServingStatus status = HealthGrpc.newBlockingStub(channel)
        .check(HealthCheckRequest.newBuilder().setService("plugin").build()).getStatus();

    assertThat(status).as("health of \"plugin\"").isEqualTo(ServingStatus.SERVING);
  }

  @Test
  @DisplayName("GRPCController.Shutdown answers the host, then starts the plugin's shutdown")
  void controllerShutdownRepliesThenShutsDown() throws Exception {
    java.util.concurrent.CountDownLatch shutDown = new java.util.concurrent.CountDownLatch(1);
    ManagedChannel channel = grpc.serve(new ControllerService(shutDown::countDown));

    Empty reply = GRPCControllerGrpc.newBlockingStub(channel).withDeadlineAfter(5, TimeUnit.SECONDS)
        .shutdown(Empty.getDefaultInstance());

    assertThat(reply).as("the reply").isEqualTo(Empty.getDefaultInstance());
    // the reply may reach us before the server thread goes on to start the shutdown: wait for it, with a deadline
    assertThat(shutDown.await(5, TimeUnit.SECONDS)).as("shutdown started").isTrue();
  }

  @Test
  @DisplayName("GRPCStdio streams what the plugin writes to stdout and stderr, on one stream, in chunks of at most 1 KiB")
  void stdioStreamsBothChannels() throws Exception {
    StdioCapture capture = new StdioCapture();
    capture.stream(StdioData.Channel.STDOUT).write("hello from stdout\n".getBytes(StandardCharsets.UTF_8));
    capture.stream(StdioData.Channel.STDERR).write("x".repeat(2500).getBytes(StandardCharsets.UTF_8));
    ManagedChannel channel = grpc.serve(new StdioService(capture));
    List<StdioData> received = new ArrayList<>();

    CompletableFuture<Void> reading = CompletableFuture.runAsync(() -> {
      Iterator<StdioData> stream = GRPCStdioGrpc.newBlockingStub(channel).withDeadlineAfter(10, TimeUnit.SECONDS)
          .streamStdio(com.google.protobuf.Empty.getDefaultInstance());
      while (received.size() < 4 && stream.hasNext()) {
        received.add(stream.next());
      }
    });
    reading.get(10, TimeUnit.SECONDS);
    capture.close();

    assertThat(received).as("chunks received").hasSize(4);
    assertThat(received.get(0).getChannel()).as("first chunk's channel").isEqualTo(StdioData.Channel.STDOUT);
    assertThat(received.get(0).getData()).as("first chunk").isEqualTo(ByteString.copyFromUtf8("hello from stdout\n"));
    assertThat(received.subList(1, 4)).as("stderr chunks")
        .allSatisfy(chunk -> assertThat(chunk.getChannel()).isEqualTo(StdioData.Channel.STDERR))
        .extracting(chunk -> chunk.getData().size()).containsExactly(1024, 1024, 452);
  }

  @Test
  @DisplayName("an exception in a plugin's service reaches the host with its message, not a bare UNKNOWN")
  void exceptionsKeepTheirMessage() throws Exception {
    ManagedChannel channel = grpc.serve(new GRPCControllerGrpc.GRPCControllerImplBase() {
      @Override
      public void shutdown(Empty request, io.grpc.stub.StreamObserver<Empty> reply) {
        throw new IllegalStateException("the disk is full");
      }
    });

    org.assertj.core.api.Assertions.assertThatExceptionOfType(io.grpc.StatusRuntimeException.class)
        .isThrownBy(() -> GRPCControllerGrpc.newBlockingStub(channel).withDeadlineAfter(5, TimeUnit.SECONDS)
            .shutdown(Empty.getDefaultInstance()))
        .withMessageContaining("the disk is full");
  }
}
