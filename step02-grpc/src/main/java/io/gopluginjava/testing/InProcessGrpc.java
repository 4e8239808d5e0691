package io.gopluginjava.testing;

import io.grpc.BindableService;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A JUnit 5 stand-in for grpc-java's JUnit 4 {@code GrpcCleanupRule}: serves services (as a plugin does, behind
 * {@code ExceptionsToStatus}) on grpc-java's in-process
 * transport and shuts every server and channel it made down after each test. Use it with {@code @RegisterExtension}.
 */
public final class InProcessGrpc implements AfterEachCallback {

  private final List<Server> servers = new ArrayList<>();
  private final List<ManagedChannel> channels = new ArrayList<>();

  /** A channel to a new in-process server with {@code services}. */
  public ManagedChannel serve(BindableService... services) throws IOException {
    String name = InProcessServerBuilder.generateName();
    InProcessServerBuilder builder = InProcessServerBuilder.forName(name);
    for (BindableService service : services) {
      builder.addService(io.gopluginjava.grpc.Transport.bind(service));
    }
    servers.add(builder.build().start());
    ManagedChannel channel = InProcessChannelBuilder.forName(name).build();
    channels.add(channel);
    return channel;
  }

  @Override
  public void afterEach(ExtensionContext context) throws InterruptedException {
    for (ManagedChannel channel : channels) {
      channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
    for (Server server : servers) {
      server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
    channels.clear();
    servers.clear();
  }
}
