package io.gopluginjava.grpc;

import io.grpc.CallOptions;
import io.grpc.ClientCall;
import io.grpc.ConnectivityState;
import io.grpc.ManagedChannel;
import io.grpc.MethodDescriptor;
import java.util.concurrent.TimeUnit;

/**
 * A channel that gives back what it used (its share of the event loops) as soon as it is seen terminated: in the
 * {@link #awaitTermination} of whoever closes it, or else on a closer thread. Giving it back in the closer's own
 * wait matters at exit: a process whose main thread reaches {@code System.exit} before a closer thread has run still
 * counts the loops in use, and HotSpot then waits 300 ms for their threads in {@code epoll_wait}.
 */
final class ReleasingChannel extends ManagedChannel {

  private final ManagedChannel channel;
  private final Once released;

  ReleasingChannel(ManagedChannel channel, Runnable release) {
    this.channel = channel;
    this.released = new Once(release);
    Once.afterTermination(() -> channel.awaitTermination(Long.MAX_VALUE, TimeUnit.DAYS), "goplugin-grpc-client-closer",
        released);
  }

  @Override
  public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
    boolean terminated = channel.awaitTermination(timeout, unit);
    if (terminated) {
      released.run();
    }
    return terminated;
  }

  @Override
  public ManagedChannel shutdown() {
    channel.shutdown();
    return this;
  }

  @Override
  public ManagedChannel shutdownNow() {
    channel.shutdownNow();
    return this;
  }

  @Override
  public boolean isShutdown() {
    return channel.isShutdown();
  }

  @Override
  public boolean isTerminated() {
    return channel.isTerminated();
  }

  @Override
  public <Q, R> ClientCall<Q, R> newCall(MethodDescriptor<Q, R> method, CallOptions options) {
    return channel.newCall(method, options);
  }

  @Override
  public String authority() {
    return channel.authority();
  }

  @Override
  public ConnectivityState getState(boolean requestConnection) {
    return channel.getState(requestConnection);
  }

  @Override
  public void notifyWhenStateChanged(ConnectivityState source, Runnable callback) {
    channel.notifyWhenStateChanged(source, callback);
  }

  @Override
  public void resetConnectBackoff() {
    channel.resetConnectBackoff();
  }

  @Override
  public void enterIdle() {
    channel.enterIdle();
  }

  @Override
  public String toString() {
    return channel.toString();
  }
}
