package io.gopluginjava.grpc;

import io.grpc.BindableService;
import io.grpc.ManagedChannel;

/**
 * go-plugin's {@code GRPCBroker} as plugins see it: a way to open more gRPC connections between host and plugin,
 * each named by a number, so one side can serve something the other side calls back, such as the host's
 * {@code AddHelper} of step03. Both sides have one per plugin connection, always, as in go-plugin: {@link Broker}.
 */
public interface GrpcBroker extends AutoCloseable {

  /** A number not yet used by this side, for {@link #acceptAndServe}; the first is 1. */
  int nextId();

  /** Serves {@code services} on a new socket and tells the other side where, under {@code id}. Close it when done. */
  BrokeredServer acceptAndServe(int id, BindableService... services);

  /** Connects to what the other side serves under {@code id}, waiting a while for it to say where. */
  ManagedChannel dial(int id);

  /** Ends the broker's stream and every server it still runs. */
  @Override
  void close();

  /** A server started by {@link #acceptAndServe}. */
  interface BrokeredServer extends AutoCloseable {
    int id();

    /** Stops serving and removes the socket; a later dial of this id fails. */
    @Override
    void close();
  }
}
