package io.gopluginjava.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.gopluginjava.grpc.proto.Empty;
import io.gopluginjava.grpc.proto.GRPCControllerGrpc;
import io.gopluginjava.grpc.proto.GRPCStdioGrpc;
import io.gopluginjava.grpc.proto.StdioData;
import io.gopluginjava.testing.Await;
import io.gopluginjava.testing.InProcessGrpc;
import io.grpc.Channel;
import io.grpc.ClientInterceptors;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

@DisplayName("the host's call timeout")
class UnaryCallTimeoutTest {

  private static final Duration TIMEOUT = Duration.ofMillis(300);

  @RegisterExtension final InProcessGrpc grpc = new InProcessGrpc();

  /** A controller that never answers: what a hung plugin looks like from the host. */
  private static final class HungController extends GRPCControllerGrpc.GRPCControllerImplBase {
    @Override
    public void shutdown(Empty request, StreamObserver<Empty> reply) {
      // never replies
    }
  }

  @Test
  @DisplayName("a unary call without a deadline of its own gets the host's, so a hung plugin cannot block the host")
  void unaryCallsGetTheDeadline() throws Exception {
    Channel channel = ClientInterceptors.intercept(grpc.serve(new HungController()), new UnaryCallTimeout(TIMEOUT));

    assertThatExceptionOfType(StatusRuntimeException.class)
        .as("a call the plugin never answers")
        .isThrownBy(() -> GRPCControllerGrpc.newBlockingStub(channel).shutdown(Empty.getDefaultInstance()))
        .satisfies(e -> assertThat(e.getStatus().getCode()).as("status").isEqualTo(Status.Code.DEADLINE_EXCEEDED));
  }

  @Test
  @DisplayName("a stream keeps going past the timeout: GRPCStdio and the broker have no natural end")
  void streamsAreLeftAlone() throws Exception {
    StdioCapture capture = new StdioCapture();
    Channel channel = ClientInterceptors.intercept(grpc.serve(new StdioService(capture), new HungController()),
        new UnaryCallTimeout(TIMEOUT));
    List<StdioData> received = new CopyOnWriteArrayList<>();
    List<Throwable> ended = new CopyOnWriteArrayList<>();
    GRPCStdioGrpc.newStub(channel).streamStdio(com.google.protobuf.Empty.getDefaultInstance(), new StreamObserver<>() {
      @Override
      public void onNext(StdioData data) {
        received.add(data);
      }

      @Override
      public void onError(Throwable t) {
        ended.add(t);
      }

      @Override
      public void onCompleted() {}
    });
    assertThatExceptionOfType(StatusRuntimeException.class) // the timeout has now passed once
        .isThrownBy(() -> GRPCControllerGrpc.newBlockingStub(channel).shutdown(Empty.getDefaultInstance()));

    capture.stream(StdioData.Channel.STDOUT).write("after the timeout\n".getBytes(StandardCharsets.UTF_8));

    // An error ends the wait too: the stream will carry nothing more, and the assertion below names it.
    boolean arrived = Await.until(() -> !received.isEmpty() || !ended.isEmpty(), Duration.ofSeconds(5));
    assertThat(ended).as("errors on the stream").isEmpty();
    assertThat(arrived).as("a chunk written after the timeout arrives on the stream opened before it").isTrue();
    capture.close();
  }
}
