package io.gopluginjava.testing;

import io.gopluginjava.grpc.PeerTls;
import io.gopluginjava.grpc.Broker;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;

/** A host's and a plugin's broker joined by their StartStream stream on grpc-java's in-process transport. */
public record BrokerPair(Broker host, Broker plugin) implements AutoCloseable {

  public static BrokerPair connect(InProcessGrpc grpc, PeerTls hostTls, PeerTls pluginTls, Duration timeout)
      throws Exception {
    Broker plugin = Broker.onPlugin(pluginTls, timeout);
    return new BrokerPair(Broker.onHost(grpc.serve(plugin.service()), hostTls, timeout), plugin);
  }

  public static BrokerPair connect(InProcessGrpc grpc) throws Exception {
    return connect(grpc, PeerTls.NONE, PeerTls.NONE, Broker.TIMEOUT);
  }

  /** The socket directories of the servers the host's broker runs now. */
  public Set<Path> hostSockets() {
    return host.socketDirs();
  }

  @Override
  public void close() {
    host.close();
    plugin.close();
  }
}
