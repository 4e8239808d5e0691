package io.gopluginjava.grpc;

import io.gopluginjava.core.Handshake;
import io.gopluginjava.testing.InJvmPlugin;
import io.grpc.BindableService;
import io.grpc.Server;
import io.grpc.ServerServiceDefinition;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A plugin written without {@link GrpcPluginServer}, as plugins in other languages are: exactly the services a test
 * gives it, plaintext on a Unix socket, its handshake line, then it serves until {@link #exit} and returns that
 * status. Served in the test's JVM through {@link #launcher()}.
 */
final class BareGrpcPlugin implements InJvmPlugin.Serve {

  private final Path socket;
  private final List<ServerServiceDefinition> services = new ArrayList<>();
  private final CountDownLatch exit = new CountDownLatch(1);
  private volatile Server server;
  private volatile int exitStatus;

  BareGrpcPlugin(Path socket) {
    this.socket = socket;
  }

  BareGrpcPlugin serving(BindableService service) {
    return serving(Transport.bind(service));
  }

  BareGrpcPlugin serving(ServerServiceDefinition service) {
    services.add(service);
    return this;
  }

  InJvmPlugin launcher() {
    return InJvmPlugin.of(this);
  }

  /** Ends {@code serve} with {@code status}. */
  void exit(int status) {
    exitStatus = status;
    exit.countDown();
  }

  @Override
  public int serve(Map<String, String> env, PrintStream stdout, PrintStream stderr) {
    try {
      server = Transport.startServer("unix", socket.toString(), null, services);
    } catch (IOException e) {
      stderr.println("could not listen: " + e.getMessage());
      return 1;
    }
    stdout.println(new Handshake(Handshake.CORE_VERSION, 1, "unix", socket.toString(), GrpcPluginServer.PROTOCOL, "",
        false).toLine());
    stdout.flush();
    try {
      exit.await();
      server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      server.shutdownNow();
      Thread.currentThread().interrupt();
    }
    return exitStatus;
  }
}
