package io.gopluginjava.grpc;

import io.gopluginjava.core.ClientConfig;
import io.gopluginjava.core.ClientProtocol;
import io.gopluginjava.core.Handshake;
import io.gopluginjava.core.Plugin;
import io.gopluginjava.core.PluginClient;
import io.gopluginjava.core.PluginException;
import io.gopluginjava.core.PluginRunner;
import io.gopluginjava.core.Protocol;
import io.gopluginjava.core.ProtocolConnection;
import io.gopluginjava.core.UnixSocketDir;
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
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The host side of go-plugin's gRPC protocol, like {@code GRPCClient} ({@code grpc_client.go}): the plugin's one
 * channel (with AutoMTLS when on), its stdio mirrored, the broker, typed clients, health on ping, and
 * {@code GRPCController.Shutdown} to end. The process is {@link PluginClient}'s.
 */
public final class GrpcClientProtocol implements ClientProtocol {

  private static final Duration HEALTH_DEADLINE = Duration.ofSeconds(10);

  private final ClientConfig config;
  private final Handshake handshake;
  private final PluginRunner process;
  private final CountDownLatch stdioDone = new CountDownLatch(1);
  private ManagedChannel channel;
  private GrpcBroker broker;
  private GrpcMux mux;
  private volatile boolean killed;

  private GrpcClientProtocol(ProtocolConnection connection) {
    this.config = connection.config();
    this.handshake = connection.handshake();
    this.process = connection.plugin();
  }

  /** Connects to the plugin {@code connection} describes; closes what it opened if any of it fails. */
  static GrpcClientProtocol connect(ProtocolConnection connection) {
    GrpcClientProtocol protocol = new GrpcClientProtocol(connection);
    Handshake handshake = connection.handshake();
    if (connection.config().multiplex() && !handshake.multiplex()) {
      throw new PluginException("plugin \"" + connection.config().name() + "\" cannot multiplex its gRPC broker: this"
          + " host asked for it (" + ClientConfig.MULTIPLEX_ENV + "=true) and the plugin's handshake line does not end"
          + " in |true (go-plugin: ErrGRPCBrokerMuxNotSupported). A Go plugin needs a go-plugin that multiplexes"
          + " (v1.6 or later); or turn multiplex off in this host's config. Line: " + handshake.toLine());
    }
    PeerTls peerTls = connection.tls() ? new PeerTls(new SelfSignedCert(connection.hostCertificate().certificate(),
        connection.hostCertificate().privateKey()), connection.pluginCertificate()) : PeerTls.NONE;
    try {
      protocol.open(peerTls);
      return protocol;
    } catch (RuntimeException e) {
      protocol.killed = true;
      if (protocol.channel != null) {
        protocol.channel.shutdownNow();
      }
      if (protocol.mux != null) {
        protocol.mux.close();
      }
      throw e;
    }
  }

  private void open(PeerTls peerTls) {
    GrpcDialOptions dial = config.wireOptions(GrpcDialOptions.class).orElse(GrpcDialOptions.NONE);
    List<ClientInterceptor> interceptors = new ArrayList<>(dial.interceptors());
    config.callTimeout().ifPresent(timeout -> interceptors.add(new UnaryCallTimeout(timeout)));
    if (config.multiplex()) {
      try {
        mux = GrpcMux.onHost(handshake.network(), handshake.address());
      } catch (IOException e) {
        throw new PluginException("could not connect to plugin \"" + config.name() + "\" at " + handshake.network()
            + " " + handshake.address() + " to multiplex its connections: " + e.getMessage(), e);
      }
      channel = Transport.muxChannel(mux, mux.dialer(GrpcMux.Knock.NONE), peerTls.dialing(), dial.channelOptions(),
          interceptors.toArray(ClientInterceptor[]::new));
    } else {
      channel = Transport.channel(handshake.network(), handshake.address(), peerTls.dialing(),
          dial.channelOptions(), interceptors.toArray(ClientInterceptor[]::new));
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

  @Override
  public Protocol protocol() {
    return Protocol.GRPC;
  }

  /** A client for {@code declaration} on the plugin's one channel. */
  @Override
  public Object dispense(String name, Plugin declaration, int version) {
    if (!(declaration instanceof GrpcPlugin<?> plugin)) {
      throw new PluginException("plugin \"" + name + "\" is declared as a " + declaration.getClass().getName()
          + ", which is not a GrpcPlugin, and the plugin speaks grpc: implement GrpcPlugin, or host a plugin that"
          + " speaks netrpc");
    }
    return plugin.client(broker, channel, version);
  }

  @Override
  public <T> T explainFailures(Class<T> type, T client) {
    return PluginCallFailures.explain(type, client, config.name(), process, config.callTimeout().orElse(null),
        handshake);
  }

  /**
   * Asks the plugin's health service about {@code "plugin"}, as go-plugin's {@code GRPCClient.Ping}.
   *
   * @throws PluginException when the plugin does not answer within 10 s or answers anything but SERVING
   */
  @Override
  public void ping() {
    checkHealth();
  }

  /** The plugin's channel, e.g. for a health check of your own or a stub of a service no declaration names. */
  public ManagedChannel channel() {
    return channel;
  }

  /**
   * The channel of {@code client}'s plugin, starting it if needed: the one place a host meets io.grpc types without
   * dispensing.
   *
   * @throws PluginException when the plugin speaks another protocol
   */
  public static ManagedChannel channelOf(PluginClient client) {
    ClientProtocol protocol = client.clientProtocol();
    if (!(protocol instanceof GrpcClientProtocol grpc)) {
      throw new PluginException("the plugin speaks " + protocol.protocol() + ", so it has no gRPC channel; allow only"
          + " Protocol.GRPC in the host's config to refuse such a plugin at start");
    }
    return grpc.channel();
  }

  /**
   * Ends the plugin, as go-plugin does: close the broker, {@code GRPCController.Shutdown} (with a deadline, which
   * go-plugin does not set), wait for the exit, then close the channel.
   */
  @Override
  public void kill(ExitWait exit) {
    killed = true;
    Duration grace = config.exitGrace();
    broker.close();
    StatusRuntimeException shutdownFailure = null;
    if (process.handle().isAlive()) { // a host that reattached may have ended it already
      try {
        GRPCControllerGrpc.newBlockingStub(channel).withDeadlineAfter(grace.toMillis(), TimeUnit.MILLISECONDS)
            .shutdown(io.gopluginjava.grpc.proto.Empty.getDefaultInstance());
      } catch (StatusRuntimeException e) {
        shutdownFailure = e;
      }
    }
    boolean exitedCleanly = exit.await();
    if (shutdownFailure != null) {
      reportShutdownFailure(shutdownFailure, exitedCleanly);
    }
    closeChannel();
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
    String end = process.exitStatus().isPresent() ? "ended with status " + process.exitStatus().getAsInt()
        : exitedCleanly ? "exited by itself" : "was destroyed after " + config.exitGrace().toMillis() + " ms";
    config.output().stderr(config.name(), "[WARN] (host) GRPCController.Shutdown failed: " + describe(failure)
        + "; the plugin " + end);
  }

  @Override
  public void close() {
    killed = true;
    closeChannel();
  }

  private void closeChannel() {
    channel.shutdownNow();
    try {
      channel.awaitTermination(ClientConfig.EXIT_GRACE.toMillis(), TimeUnit.MILLISECONDS);
      stdioDone.await(ClientConfig.EXIT_GRACE.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (mux != null) {
      mux.close();
    }
  }

  private static String describe(StatusRuntimeException e) {
    Throwable cause = e.getCause();
    return e.getStatus().getCode() + (e.getStatus().getDescription() == null ? "" : " " + e.getStatus().getDescription())
        + (cause == null ? "" : " (" + cause.getClass().getSimpleName() + ": " + cause.getMessage() + ")");
  }
}
