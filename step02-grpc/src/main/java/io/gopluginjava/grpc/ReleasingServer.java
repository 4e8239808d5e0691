package io.gopluginjava.grpc;

import io.grpc.Server;
import io.grpc.ServerServiceDefinition;
import java.io.IOException;
import java.net.SocketAddress;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A server that gives back what it used (its call executor, its share of the event loops) as soon as it is seen
 * terminated: in the {@link #awaitTermination} of whoever stops it, or else on a closer thread. A plugin stops its
 * server and then exits: released in that wait, the loops are lingering by the exit, whose hook ends them, instead of
 * in use, which HotSpot's exit would wait 300 ms for ({@link ReleasingChannel}).
 */
final class ReleasingServer extends Server {

  private final Server server;
  private final Once released;

  /** {@code server} started; {@code release} runs once, when it has terminated. */
  ReleasingServer(Server server, String closerName, Runnable release) {
    this.server = server;
    this.released = new Once(release);
    Once.afterTermination(server::awaitTermination, closerName, released);
  }

  @Override
  public Server start() throws IOException {
    server.start();
    return this;
  }

  @Override
  public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
    boolean terminated = server.awaitTermination(timeout, unit);
    if (terminated) {
      released.run();
    }
    return terminated;
  }

  @Override
  public void awaitTermination() throws InterruptedException {
    server.awaitTermination();
    released.run();
  }

  @Override
  public Server shutdown() {
    server.shutdown();
    return this;
  }

  @Override
  public Server shutdownNow() {
    server.shutdownNow();
    return this;
  }

  @Override
  public boolean isShutdown() {
    return server.isShutdown();
  }

  @Override
  public boolean isTerminated() {
    return server.isTerminated();
  }

  @Override
  public int getPort() {
    return server.getPort();
  }

  @Override
  public List<? extends SocketAddress> getListenSockets() {
    return server.getListenSockets();
  }

  @Override
  public List<ServerServiceDefinition> getServices() {
    return server.getServices();
  }

  @Override
  public List<ServerServiceDefinition> getImmutableServices() {
    return server.getImmutableServices();
  }

  @Override
  public List<ServerServiceDefinition> getMutableServices() {
    return server.getMutableServices();
  }

  @Override
  public String toString() {
    return server.toString();
  }
}
