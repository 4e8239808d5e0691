package io.gopluginjava.step02;

import static org.assertj.core.api.Assertions.assertThat;

import io.gopluginjava.step02.greeter.proto.Empty;
import io.gopluginjava.step02.greeter.proto.GreetResponse;
import io.gopluginjava.step02.greeter.proto.GreeterServiceGrpc;
import io.gopluginjava.step02.shared.GreeterGrpcClient;
import io.gopluginjava.step02.shared.GreeterGrpcServer;
import io.gopluginjava.testing.InProcessGrpc;
import io.grpc.ManagedChannel;
import io.grpc.stub.StreamObserver;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The blog's gRPC Greeter, each side against a stand-in for the other, on the in-process transport. */
@DisplayName("GreeterGrpcServer and GreeterGrpcClient")
class GreeterGrpcTest {

  @RegisterExtension final InProcessGrpc grpc = new InProcessGrpc();

  @Test
  @DisplayName("the plugin's service answers Greet with what the real Greeter returns")
  void serverCallsTheImplementation() throws Exception {
    ManagedChannel channel = grpc.serve(new GreeterGrpcServer(() -> "Hej!"));

    GreetResponse reply = GreeterServiceGrpc.newBlockingStub(channel).greet(Empty.getDefaultInstance());

    assertThat(reply.getMessage()).as("the GreetResponse's message").isEqualTo("Hej!");
  }

  @Test
  @DisplayName("the host's Greeter calls proto.GreeterService/Greet and returns the response's message")
  void clientCallsGreet() throws Exception {
    ManagedChannel channel = grpc.serve(new GreeterServiceGrpc.GreeterServiceImplBase() {
      @Override
      public void greet(Empty request, StreamObserver<GreetResponse> reply) {
        reply.onNext(GreetResponse.newBuilder().setMessage("Hello from a stand-in!").build());
        reply.onCompleted();
      }
    });

    assertThat(new GreeterGrpcClient(channel).greet()).as("greet()").isEqualTo("Hello from a stand-in!");
  }
}
