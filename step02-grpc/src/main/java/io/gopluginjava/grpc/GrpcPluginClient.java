package io.gopluginjava.grpc;

import io.gopluginjava.core.Handshake;
import io.gopluginjava.core.HandshakeEnvironment;
import io.gopluginjava.core.LeftoverSocket;
import io.gopluginjava.core.PluginException;
import io.gopluginjava.core.PluginProcess;
import io.gopluginjava.core.PluginRunner;
import io.gopluginjava.core.ProcessNotFoundException;
import io.gopluginjava.core.ReattachConfig;
import io.gopluginjava.core.UnknownPluginException;
import io.gopluginjava.core.UnixSocketDir;
import io.gopluginjava.core.tls.AutoMtlsCertificate;
import io.gopluginjava.grpc.proto.GRPCControllerGrpc;
import io.gopluginjava.grpc.proto.GRPCStdioGrpc;
import io.gopluginjava.grpc.proto.StdioData;
import io.grpc.ClientInterceptor;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.io.OutputStream;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The host side of go-plugin's gRPC protocol, like {@code plugin.Client} with a {@code GRPCClient}: starts the plugin,
 * checks its handshake, connects over its socket (with AutoMTLS unless turned off), mirrors its stdio, dispenses
 * typed clients, pings its health service when asked, and shuts it down. Close it on every path.
 */
public final class GrpcPluginClient implements AutoCloseable {

  /** How long {@link #kill()} gives the plugin, all told, to exit by itself before it is destroyed. */
  public static final Duration EXIT_GRACE = Duration.ofSeconds(2);
  private static final Duration HEALTH_DEADLINE = Duration.ofSeconds(10);

  private final GrpcClientConfig config;
  private final CountDownLatch stdioDone = new CountDownLatch(1);
  private boolean started;
  private PluginRunner process;
  private ProcessHandle attached; // the plugin's process when this host reattached to it
  private Handshake handshake;
  private ManagedChannel channel;
  private GrpcBroker broker;
  private GrpcMux mux;
  private volatile boolean killed;

  public GrpcPluginClient(GrpcClientConfig config) {
    this.config = config;
  }

  /**
   * Starts the plugin (once), accepts its handshake and connects (checking its health only when the config says
   * {@code pingOnStart}: gRPC connects lazily, so a plugin that cannot serve fails at the first call); ends the
   * plugin on failure. With a reattach config it starts nothing: it checks that the plugin's process runs, then
   * connects to its address.
   */
  public synchronized Handshake start() {
    if (started) {
      return handshake;
    }
    started = true;
    if (config.reattach() != null) {
      return reattach(config.reattach());
    }
    if (config.secureConfig() != null) {
      config.secureConfig().check(config.command()); // before anything runs
    }
    SelfSignedCert hostCert = config.autoMtls() ? SelfSignedCert.generate() : null;
    Map<String, String> env = new LinkedHashMap<>(
        HandshakeEnvironment.of(config.handshake(), config.versions(), config.network()));
    if (hostCert != null) {
      env.put(GrpcPluginServer.CLIENT_CERT_ENV, hostCert.pem());
    }
    if (config.multiplex()) {
      env.put(GrpcPluginServer.MULTIPLEX_ENV, "true");
    }
    env.putAll(config.env());
    process = config.skipHostEnv()
        ? PluginProcess.start(config.name(), config.command(), env, config.output(), false)
        : config.launcher().launch(config.name(), config.command(), env, config.output());
    WarmUp.start(hostCert != null);
    try {
      String line = process.awaitHandshakeLine(config.startTimeout());
      handshake = Handshake.accept(line, config.versions(), config.allowedProtocols());
      if (config.multiplex() && !handshake.multiplex()) {
        throw new PluginException("plugin \"" + config.name() + "\" cannot multiplex its gRPC broker: this host asked"
            + " for it (" + GrpcPluginServer.MULTIPLEX_ENV + "=true) and the plugin's handshake line does not end in"
            + " |true (go-plugin: ErrGRPCBrokerMuxNotSupported). A Go plugin needs a go-plugin that multiplexes"
            + " (v1.6 or later); or turn multiplex off in this host's config. Line: " + line);
      }
      PeerTls peerTls = hostCert == null ? PeerTls.NONE : new PeerTls(hostCert, pluginCertificate(line));
      connect(peerTls);
      return handshake;
    } catch (RuntimeException e) {
      killed = true;
      if (channel != null) {
        channel.shutdownNow();
      }
      if (mux != null) {
        mux.close();
      }
      process.destroyForcibly();
      process.joinPumps(EXIT_GRACE);
      LeftoverSocket.removeAfterExit(handshake);
      throw e;
    }
  }

  // tag::reattach[]
  /** go-plugin's {@code reattach()}: the process must be running, then the plugin is used as if this host started it. */
  private Handshake reattach(ReattachConfig reattach) {
    attached = reattach.runningProcess().orElseThrow(() -> {
      killed = true;
      return new ProcessNotFoundException(reattach);
    });
    if (!reattach.protocol().equals(GrpcPluginServer.PROTOCOL)) {
      killed = true;
      throw new PluginException("cannot reattach to plugin \"" + config.name() + "\": it speaks " + reattach.protocol()
          + ", this host only " + GrpcPluginServer.PROTOCOL);
    }
    handshake = new Handshake(Handshake.CORE_VERSION, reattach.protocolVersion(), reattach.network(),
        reattach.address(), reattach.protocol(), "", false);
    try {
      connect(PeerTls.NONE);
      return handshake;
    } catch (RuntimeException e) {
      killed = true;
      if (channel != null) {
        channel.shutdownNow();
      }
      throw e; // not ours to end: the plugin was running before this host came
    }
  }
  // end::reattach[]

  private void connect(PeerTls peerTls) {
    List<ClientInterceptor> interceptors = new ArrayList<>(config.interceptors());
    if (config.callTimeout() != null) {
      interceptors.add(new UnaryCallTimeout(config.callTimeout()));
    }
    if (config.multiplex()) {
      try {
        mux = GrpcMux.onHost(handshake.network(), handshake.address());
      } catch (IOException e) {
        throw new PluginException("could not connect to plugin \"" + config.name() + "\" at " + handshake.network()
            + " " + handshake.address() + " to multiplex its connections: " + e.getMessage(), e);
      }
      channel = Transport.muxChannel(mux, mux.dialer(GrpcMux.Knock.NONE), peerTls.dialing(), config.channelOptions(),
          interceptors.toArray(ClientInterceptor[]::new));
    } else {
      channel = Transport.channel(handshake.network(), handshake.address(), peerTls.dialing(),
          config.channelOptions(), interceptors.toArray(ClientInterceptor[]::new));
    }
    if (config.pingOnStart()) {
      checkHealth();
    }
    mirrorStdio();
    broker = Broker.onHost(channel, peerTls, Broker.TIMEOUT, brokerSocketEnv(), mux);
  }

  /**
   * Where the host's broker puts its sockets: where it asks the plugin to put its own (go-plugin's host gives its
   * {@code UnixSocketConfig} to both), else this process's temp directory.
   */
  private Map<String, String> brokerSocketEnv() {
    Map<String, String> env = new LinkedHashMap<>(System.getenv());
    for (String key : List.of(UnixSocketDir.DIR_ENV, UnixSocketDir.GROUP_ENV)) {
      if (config.env().containsKey(key)) {
        env.put(key, config.env().get(key));
      }
    }
    return env;
  }

  /** The host's copy of the certificate the plugin announced: the only one it will trust. */
  private X509Certificate pluginCertificate(String line) {
    return AutoMtlsCertificate.announcedIn(handshake, line);
  }

  private void checkHealth() {
    HealthCheckResponse.ServingStatus status;
    try {
      status = HealthGrpc.newBlockingStub(channel)
          .withDeadlineAfter(HEALTH_DEADLINE.toMillis(), TimeUnit.MILLISECONDS)
          .check(HealthCheckRequest.newBuilder().setService(GrpcPluginServer.HEALTH_SERVICE).build())
          .getStatus();
    } catch (StatusRuntimeException e) {
      throw new PluginException("plugin \"" + config.name() + "\" failed its health check on service \""
          + GrpcPluginServer.HEALTH_SERVICE + "\" at " + handshake.network() + " " + handshake.address() + ": "
          + describe(e), e);
    }
    if (status != HealthCheckResponse.ServingStatus.SERVING) {
      throw new PluginException("plugin \"" + config.name() + "\" reports health " + status + " for service \""
          + GrpcPluginServer.HEALTH_SERVICE + "\"; expected SERVING");
    }
  }

  /** Opens GRPCStdio at once, as go-plugin does: a plugin whose output nobody reads eventually blocks. */
  private void mirrorStdio() {
    GRPCStdioGrpc.newStub(channel).streamStdio(com.google.protobuf.Empty.getDefaultInstance(),
        new StreamObserver<>() {
          @Override
          public void onNext(StdioData data) {
            OutputStream sink = data.getChannel() == StdioData.Channel.STDERR ? config.syncStderr() : config.syncStdout();
            try {
              data.getData().writeTo(sink);
              sink.flush();
            } catch (IOException e) {
              config.output().stderr(config.name(), "(host) could not copy plugin output: " + e.getMessage());
            }
          }

          @Override
          public void onError(Throwable t) {
            // After kill, a cancelled or unavailable stream is the kill itself; anything else is the plugin's failure.
            Status.Code code = Status.fromThrowable(t).getCode();
            if (!killed || (code != Status.Code.CANCELLED && code != Status.Code.UNAVAILABLE)) {
              config.output().stderr(config.name(), "(host) the plugin's GRPCStdio stream failed, its stdout and stderr"
                  + " are lost from here on: " + (t instanceof StatusRuntimeException s ? describe(s) : t.toString()));
            }
            stdioDone.countDown();
          }

          @Override
          public void onCompleted() {
            stdioDone.countDown();
          }
        });
  }

  /**
   * A client for the plugin registered as {@code name} in the host's plugin map, on the plugin's one channel. When
   * {@code type} is an interface, a call that fails because the plugin exited or did not answer within the call
   * timeout throws a {@link io.gopluginjava.core.PluginCallException} that says so.
   *
   * @throws UnknownPluginException when the host's map has no such name; it lists the names it has
   */
  public <T> T dispense(String name, Class<T> type) {
    start();
    GrpcPlugin<?> plugin = config.plugins().get(name);
    if (plugin == null) {
      throw new UnknownPluginException(name, "this host knows", config.plugins().keySet());
    }
    Object client = plugin.client(broker, channel);
    if (!type.isInstance(client)) {
      throw new PluginException("plugin \"" + name + "\" gives a " + client.getClass().getName() + ", not the "
          + type.getName() + " that was asked for");
    }
    T typed = type.cast(client);
    // A reattached plugin is not this host's child: its exit status cannot be known, so its failures stay gRPC's.
    return type.isInterface() && process != null
        ? PluginCallFailures.explain(type, typed, config.name(), process, config.callTimeout(), handshake) : typed;
  }

  /**
   * Asks the plugin's health service about {@code "plugin"}, as go-plugin's {@code GRPCClient.Ping}; starts the
   * plugin if it has not been started.
   *
   * @throws PluginException when the plugin does not answer within 10 s or answers anything but SERVING
   */
  public void ping() {
    start();
    checkHealth();
  }

  /** The plugin's channel, e.g. for a health check of your own. */
  public synchronized ManagedChannel channel() {
    start();
    return channel;
  }

  /**
   * Ends the plugin, as go-plugin does: close the broker, {@code GRPCController.Shutdown} (with a deadline, which
   * go-plugin does not set), close the channel, wait for the exit until {@link #EXIT_GRACE} is up, then destroy it and
   * anything it started. A plugin this host reattached to is ended the same way, by its pid; one reattached in test
   * mode is left running, as go-plugin leaves it, and only this host's connection is closed.
   */
  public synchronized void kill() {
    if (killed || broker == null) { // never started, or its start failed and ended it
      return;
    }
    killed = true;
    if (config.reattach() != null && config.reattach().test()) {
      closeChannel();
      return;
    }
    long deadline = System.nanoTime() + EXIT_GRACE.toNanos();
    ProcessHandle plugin = process != null ? process.handle() : attached;
    List<ProcessHandle> children = process != null ? process.descendants() : attached.descendants().toList();
    broker.close();
    StatusRuntimeException shutdownFailure = null;
    if (plugin.isAlive()) { // a host that reattached may have ended it already
      try {
        GRPCControllerGrpc.newBlockingStub(channel).withDeadlineAfter(EXIT_GRACE.toMillis(), TimeUnit.MILLISECONDS)
            .shutdown(io.gopluginjava.grpc.proto.Empty.getDefaultInstance());
      } catch (StatusRuntimeException e) {
        shutdownFailure = e;
      }
    }
    boolean exitedCleanly;
    if (process != null) {
      process.finish(deadline, children);
      exitedCleanly = process.exitStatus().equals(OptionalInt.of(0));
    } else {
      exitedCleanly = awaitReattachedExit(deadline, children);
    }
    if (shutdownFailure != null) {
      reportShutdownFailure(shutdownFailure, exitedCleanly);
    }
    closeChannel();
    LeftoverSocket.removeAfterExit(handshake); // a plugin that was destroyed could not remove it
  }

  /**
   * go-plugin's controller stops its server before it replies ({@code grpc_controller.go}), so a Go plugin's normal
   * stop is a lost connection (UNAVAILABLE, or grpc-java's UNKNOWN "channel closed" when the connection closes under
   * the call) followed by exit status 0 (for a reattached plugin, whose status is not ours to read: an exit by
   * itself). Only anything else is worth a warning.
   */
  private void reportShutdownFailure(StatusRuntimeException failure, boolean exitedCleanly) {
    if (PluginCallFailures.connectionLost(failure.getStatus()) && exitedCleanly) {
      config.output().stderr(config.name(), "(host) the plugin closed its connection instead of answering"
          + " GRPCController.Shutdown, as go-plugin's controller does, and exited by itself: a normal stop");
      return;
    }
    String end = process != null ? "ended with status " + process.exitStatus().orElse(-1)
        : exitedCleanly ? "exited by itself" : "was destroyed after " + EXIT_GRACE.toMillis() + " ms";
    config.output().stderr(config.name(), "[WARN] (host) GRPCController.Shutdown failed: " + describe(failure)
        + "; the plugin " + end);
  }

  /**
   * Not our child, so no exit status: wait on its pid, as go-plugin's {@code pidWait}, then SIGKILL it. True when it
   * exited by itself in time.
   */
  private boolean awaitReattachedExit(long deadlineNanos, List<ProcessHandle> children) {
    boolean byItself = false;
    try {
      attached.onExit().get(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
      byItself = true;
    } catch (TimeoutException | ExecutionException e) {
      attached.destroyForcibly();
      attached.onExit().completeOnTimeout(attached, EXIT_GRACE.toMillis(), TimeUnit.MILLISECONDS).join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    children.forEach(ProcessHandle::destroyForcibly);
    return byItself;
  }

  private void closeChannel() {
    channel.shutdownNow();
    try {
      channel.awaitTermination(EXIT_GRACE.toMillis(), TimeUnit.MILLISECONDS);
      stdioDone.await(EXIT_GRACE.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (mux != null) {
      mux.close();
    }
  }

  /**
   * What another host needs to use this plugin without starting it, as go-plugin's {@code Client.ReattachConfig()}:
   * its protocol, version, address and pid. Starts the plugin if it has not been started.
   */
  public synchronized ReattachConfig reattachConfig() {
    start();
    if (config.reattach() != null) {
      return config.reattach();
    }
    return new ReattachConfig(handshake.protocol(), handshake.appVersion(), handshake.network(), handshake.address(),
        process.handle().pid(), false);
  }

  @Override
  public void close() {
    kill();
  }

  public synchronized Handshake handshake() {
    return handshake;
  }

  public synchronized ProcessHandle processHandle() {
    start();
    return process != null ? process.handle() : attached;
  }

  public synchronized OptionalInt exitStatus() {
    return process == null ? OptionalInt.empty() : process.exitStatus();
  }

  private static String describe(StatusRuntimeException e) {
    Throwable cause = e.getCause();
    return e.getStatus().getCode() + (e.getStatus().getDescription() == null ? "" : " " + e.getStatus().getDescription())
        + (cause == null ? "" : " (" + cause.getClass().getSimpleName() + ": " + cause.getMessage() + ")");
  }
}
