package io.gopluginjava.grpc;

import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallExecutorSupplier;
import io.grpc.netty.NettyServerBuilder;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Where a server runs its calls. By default grpc-java hands every call from the Netty event loop that read it to a
 * pool thread, and the answer back to the event loop: two thread wake-ups per unary call, which on a busy machine
 * cost more than the call itself (a Go host calling a Java KV plugin measured 1.3 to 1.9 times Go's p50 so). The
 * calls of the services named here run on the event loop instead, with no hand-off, as grpc-java advises for
 * services that never block ({@code ServerBuilder.directExecutor}). Every other call still runs on a pool of this
 * server's own: a call that waits on the event loop stops every connection that loop serves, and a call that waits
 * for another call on the same loop (step03's Counter waits for its host's AddHelper) never ends. A plain
 * {@code directExecutor} on the whole server did just that, with GRPCStdio's stream, which waits for output.
 */
final class EventLoopCalls {

  private EventLoopCalls() {}

  /**
   * Configures {@code builder} to run the calls of {@code services} (full service names, e.g. {@code proto.KV}) on the
   * event loop and every other call on a pool, which is returned: its owner shuts it down when the server has ended.
   * Null, and the builder left with grpc-java's default executor, when {@code services} is empty.
   */
  static ExecutorService configure(NettyServerBuilder builder, Set<String> services) {
    if (services.isEmpty()) {
      return null;
    }
    ExecutorService pool = Executors.newCachedThreadPool(new DefaultThreadFactory("goplugin-grpc-call", true));
    // directExecutor makes the method lookup run on the event loop too; the supplier then moves every call that is
    // not one of these services to the pool, before its handler starts (grpc-java's ServerImpl, MethodLookup).
    builder.directExecutor().callExecutor(new ServerCallExecutorSupplier() {
      @Override
      public <ReqT, RespT> java.util.concurrent.Executor getExecutor(ServerCall<ReqT, RespT> call, Metadata headers) {
        return services.contains(call.getMethodDescriptor().getServiceName()) ? null : pool;
      }
    });
    return pool;
  }
}
