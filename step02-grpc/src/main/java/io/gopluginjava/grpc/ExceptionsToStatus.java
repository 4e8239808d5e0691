package io.gopluginjava.grpc;

import io.grpc.ForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;

/**
 * An exception thrown by a plugin's service reaches the host as status UNKNOWN <em>with the exception's message</em>.
 * grpc-java would send a bare "Application error processing RPC"; a Go plugin's host sees the error text, and so
 * should ours.
 */
public final class ExceptionsToStatus implements ServerInterceptor {

  @Override
  public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
      ServerCallHandler<Q, R> next) {
    ServerCall.Listener<Q> listener = next.startCall(call, headers);
    return new ForwardingServerCallListener.SimpleForwardingServerCallListener<>(listener) {
      @Override
      public void onMessage(Q message) {
        guard(() -> super.onMessage(message));
      }

      @Override
      public void onHalfClose() {
        guard(super::onHalfClose);
      }

      private void guard(Runnable step) {
        try {
          step.run();
        } catch (RuntimeException e) {
          try {
            call.close(Status.UNKNOWN.withDescription(e.toString()).withCause(e), new Metadata());
          } catch (IllegalStateException alreadyClosed) {
            // the service had answered already: nothing more to tell the host
          }
        }
      }
    };
  }
}
