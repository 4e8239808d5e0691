package io.gopluginjava.grpc;

import io.grpc.BindableService;
import io.grpc.ManagedChannel;

/**
 * Makes the {@link GrpcBroker} of one plugin connection, on either side. go-plugin always runs its broker; here a
 * config names the one it wants, so step02 can run without one ({@link #NONE}) and step03 can teach the real one.
 */
public interface BrokerFactory {

  /** The plugin's side: the broker its services get, and the {@code plugin.GRPCBroker} service the host's stream reaches. */
  PluginSide plugin(PeerTls tls);

  /** The host's side: a broker that opens {@code GRPCBroker/StartStream} on the plugin's channel. */
  GrpcBroker host(ManagedChannel channel, PeerTls tls);

  /** What a plugin registers and hands to its plugins. */
  record PluginSide(GrpcBroker broker, BindableService service) {}

  /**
   * No brokering: the plugin still accepts the host's stream (a go-plugin host always opens it) but neither side can
   * accept or dial.
   */
  BrokerFactory NONE = new BrokerFactory() {
    @Override
    public PluginSide plugin(PeerTls tls) {
      return new PluginSide(new NoBroker("plugin"), new BrokerService());
    }

    @Override
    public GrpcBroker host(ManagedChannel channel, PeerTls tls) {
      return new NoBroker("host");
    }
  };
}
