package io.gopluginjava.grpc;

import io.gopluginjava.core.PluginException;
import io.grpc.BindableService;
import io.grpc.ManagedChannel;

/** The broker of a side configured with {@link BrokerFactory#NONE}: every use says how to get a real one. */
final class NoBroker implements GrpcBroker {

  private final String side;

  NoBroker(String side) {
    this.side = side;
  }

  @Override
  public int nextId() {
    throw unsupported();
  }

  @Override
  public BrokeredServer acceptAndServe(int id, BindableService... services) {
    throw unsupported();
  }

  @Override
  public ManagedChannel dial(int id) {
    throw unsupported();
  }

  @Override
  public void close() {
    // nothing was started
  }

  private PluginException unsupported() {
    return new PluginException("this " + side + " runs without a broker: give its config a BrokerFactory, such as"
        + " step03's io.gopluginjava.broker.Broker.FACTORY (TUTORIAL.md, step 03)");
  }
}
