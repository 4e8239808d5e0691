package io.gopluginjava.grpc;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.MethodDescriptor;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Gives every unary call on a plugin's channel a deadline unless it has one: a hung plugin then fails the call instead
 * of blocking the host for ever. go-plugin sets none; streams (stdio, broker) are left alone, they have no natural end.
 */
final class UnaryCallTimeout implements ClientInterceptor {

  private final Duration timeout;

  UnaryCallTimeout(Duration timeout) {
    this.timeout = timeout;
  }

  // tag::unary-call-timeout[]
  @Override
  public <Q, R> ClientCall<Q, R> interceptCall(MethodDescriptor<Q, R> method, CallOptions options, Channel next) {
    if (method.getType() == MethodDescriptor.MethodType.UNARY && options.getDeadline() == null) {
      options = options.withDeadlineAfter(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }
    return next.newCall(method, options);
  }
  // end::unary-call-timeout[]
}
