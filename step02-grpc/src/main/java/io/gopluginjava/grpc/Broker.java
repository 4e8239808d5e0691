package io.gopluginjava.grpc;

import io.gopluginjava.core.Handshake;
import io.gopluginjava.core.UnixSocketDir;
import io.gopluginjava.grpc.proto.ConnInfo;
import io.gopluginjava.grpc.proto.GRPCBrokerGrpc;
import io.grpc.BindableService;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * go-plugin's {@code GRPCBroker}, wire-compatible with {@code grpc_broker.go}: the two sides of a plugin connection
 * keep one {@code GRPCBroker/StartStream} stream of {@link ConnInfo} open (the host opens it). To offer a service the
 * other side will call, one side takes an id, serves the service on a new socket and sends
 * {@code ConnInfo{service_id, network, address}}; the other side waits for that id's info and connects, with the
 * same AutoMTLS certificates as the main connection. Ids are per side, counted from 1.
 */
public final class Broker implements GrpcBroker {

  /** How long a dial waits for the other side's info, and how long unclaimed info is kept: go-plugin's 5 s. */
  public static final Duration TIMEOUT = Duration.ofSeconds(5);

  private final String side;
  private final PeerTls tls;
  private final Duration timeout;
  private final Map<String, String> socketEnv;
  private final GrpcMux mux; // null unless the connection multiplexes (go-plugin's GRPCBrokerMultiplex)
  private final Map<Integer, CompletableFuture<ConnInfo>> knockAcks = new ConcurrentHashMap<>();
  private final AtomicInteger lastId = new AtomicInteger();
  private final CompletableFuture<StreamObserver<ConnInfo>> stream = new CompletableFuture<>();
  private final Map<Integer, CompletableFuture<ConnInfo>> arrivals = new ConcurrentHashMap<>();
  private final Set<Served> servers = ConcurrentHashMap.newKeySet();
  private volatile String ended;
  private final AtomicBoolean closed = new AtomicBoolean();

  Broker(String side, PeerTls tls, Duration timeout, Map<String, String> socketEnv) {
    this(side, tls, timeout, socketEnv, null);
  }

  private Broker(String side, PeerTls tls, Duration timeout, Map<String, String> socketEnv, GrpcMux mux) {
    this.side = side;
    this.tls = tls;
    this.timeout = timeout;
    this.socketEnv = socketEnv;
    this.mux = mux;
  }

  /** The host's broker: opens the stream on the plugin's channel. */
  public static Broker onHost(ManagedChannel channel, PeerTls tls, Duration timeout) {
    return onHost(channel, tls, timeout, System.getenv());
  }

  /**
   * The host's broker, with its brokered sockets placed and shared as {@code socketEnv} says, as go-plugin places them
   * ({@code serverListener_unix}): in {@value UnixSocketDir#DIR_ENV} or else {@code TMPDIR}, with the group of
   * {@value UnixSocketDir#GROUP_ENV}.
   */
  public static Broker onHost(ManagedChannel channel, PeerTls tls, Duration timeout, Map<String, String> socketEnv) {
    return onHost(channel, tls, timeout, socketEnv, null);
  }

  /** The host's broker of a multiplexed connection when {@code mux} is not null. */
  static Broker onHost(ManagedChannel channel, PeerTls tls, Duration timeout, Map<String, String> socketEnv,
      GrpcMux mux) {
    Broker broker = new Broker("host", tls, timeout, Map.copyOf(socketEnv), mux);
    broker.stream.complete(GRPCBrokerGrpc.newStub(channel).startStream(broker.inbound()));
    return broker;
  }

  /** A plugin's broker; register {@link #service()} so the host can open the stream. */
  public static Broker onPlugin(PeerTls tls, Duration timeout) {
    return onPlugin(tls, timeout, System.getenv());
  }

  /** A plugin's broker whose sockets follow {@code socketEnv}, the plugin's environment. */
  public static Broker onPlugin(PeerTls tls, Duration timeout, Map<String, String> socketEnv) {
    return onPlugin(tls, timeout, socketEnv, null);
  }

  /** The plugin's broker of a multiplexed connection when {@code mux} is not null. */
  static Broker onPlugin(PeerTls tls, Duration timeout, Map<String, String> socketEnv, GrpcMux mux) {
    return new Broker("plugin", tls, timeout, Map.copyOf(socketEnv), mux);
  }

  /** The plugin's {@code plugin.GRPCBroker} service: the host's stream becomes this broker's stream. */
  public BindableService service() {
    return new GRPCBrokerGrpc.GRPCBrokerImplBase() {
      @Override
      public StreamObserver<ConnInfo> startStream(StreamObserver<ConnInfo> toHost) {
        if (!stream.complete(toHost)) {
          toHost.onError(Status.FAILED_PRECONDITION
              .withDescription("this plugin's broker stream is open already, or its broker is closed").asException());
        }
        return inbound();
      }
    };
  }

  @Override
  public int nextId() {
    return lastId.incrementAndGet();
  }

  @Override
  public BrokeredServer acceptAndServe(int id, BindableService... services) {
    if (mux != null) {
      return acceptMultiplexed(id, services);
    }
    // workbook:begin broker-accept
    Served served = listen(id, services);
    try {
      send(ConnInfo.newBuilder().setServiceId(id).setNetwork("unix").setAddress(served.address).build());
    } catch (RuntimeException e) {
      served.close();
      throw e;
    }
    return served;
    // workbook:end
  }

  @Override
  public ManagedChannel dial(int id) {
    if (mux != null) {
      return dialMultiplexed(id);
    }
    // workbook:begin broker-dial
    ConnInfo where = awaitConnInfo(id);
    return Transport.channel(where.getNetwork(), where.getAddress(), tls.dialing());
    // workbook:end
  }

  @Override
  public void close() {
    if (closed.getAndSet(true)) {
      return;
    }
    streamEnded("this " + side + "'s broker was closed");
    StreamObserver<ConnInfo> out = stream.getNow(null);
    if (out != null) {
      synchronized (out) {
        try {
          out.onCompleted();
        } catch (IllegalStateException alreadyClosed) {
          // the call ended first
        }
      }
    }
    stream.completeExceptionally(new BrokerException("the " + side + "'s broker was closed"));
    servers.forEach(Served::close);
  }

  /** Waits for the other side's info for {@code id}, which may arrive before or after we ask, in any order. */
  ConnInfo awaitConnInfo(int id) {
    CompletableFuture<ConnInfo> arrival = arrival(id);
    try {
      ConnInfo info = arrival.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      if (!Handshake.NETWORKS.contains(info.getNetwork())) {
        throw new BrokerException("broker id " + id + ": the " + other() + " announced network \"" + info.getNetwork()
            + "\" at \"" + info.getAddress() + "\"; expected one of " + Handshake.NETWORKS);
      }
      return info;
    } catch (TimeoutException e) {
      throw new BrokerException("no connection info for broker id " + id + " within " + timeout.toMillis()
          + " ms: the " + other() + " did not serve that id (acceptAndServe), or served it too late");
    } catch (ExecutionException e) {
      throw (BrokerException) e.getCause();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new BrokerException("interrupted while waiting for broker id " + id, e);
    } finally {
      arrivals.remove(id, arrival);
    }
  }

  /**
   * What the other side sent: info for an id we may be dialling; or, on a multiplexed connection, a knock for an id we
   * serve or the ack of our own knock. A knock on a connection that does not multiplex is refused.
   */
  void received(ConnInfo info) {
    if (info.hasKnock()) {
      if (info.getKnock().getAck()) {
        CompletableFuture<ConnInfo> waiting = knockAcks.get(info.getServiceId());
        if (waiting != null) {
          waiting.complete(info);
        }
      } else if (mux != null) {
        answerKnock(info.getServiceId());
      } else {
        refuseKnock(info.getServiceId());
      }
      return;
    }
    int id = info.getServiceId();
    CompletableFuture<ConnInfo> arrival = arrival(id);
    arrival.complete(info);
    // As go-plugin does, forget info that nobody dials in time, so a long-lived broker does not grow.
    CompletableFuture.delayedExecutor(timeout.toMillis(), TimeUnit.MILLISECONDS)
        .execute(() -> arrivals.remove(id, arrival));
  }

  private CompletableFuture<ConnInfo> arrival(int id) {
    CompletableFuture<ConnInfo> arrival = arrivals.computeIfAbsent(id, any -> new CompletableFuture<>());
    String why = ended;
    if (why != null) {
      arrival.completeExceptionally(stoppedWaiting(id, why));
    }
    return arrival;
  }

  private StreamObserver<ConnInfo> inbound() {
    return new StreamObserver<>() {
      @Override
      public void onNext(ConnInfo info) {
        received(info);
      }

      @Override
      public void onError(Throwable t) {
        streamEnded("the broker stream failed: " + Status.fromThrowable(t));
      }

      @Override
      public void onCompleted() {
        streamEnded("the " + other() + " closed the broker stream");
        close();
      }
    };
  }

  private void streamEnded(String why) {
    if (ended == null) {
      ended = why;
    }
    arrivals.forEach((id, arrival) -> arrival.completeExceptionally(stoppedWaiting(id, why)));
  }

  private static BrokerException stoppedWaiting(int id, String why) {
    return new BrokerException("stopped waiting for broker id " + id + ": " + why);
  }

  private void send(ConnInfo info) {
    StreamObserver<ConnInfo> out;
    try {
      out = stream.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      throw new BrokerException("cannot announce broker id " + info.getServiceId() + ": the host opened no broker"
          + " stream within " + timeout.toMillis() + " ms (go-plugin's hosts and ours open it as they connect)");
    } catch (ExecutionException e) {
      throw new BrokerException("cannot announce broker id " + info.getServiceId() + ": " + ended);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new BrokerException("interrupted while announcing broker id " + info.getServiceId(), e);
    }
    synchronized (out) {
      if (ended != null) {
        throw new BrokerException("cannot announce broker id " + info.getServiceId() + ": " + ended);
      }
      out.onNext(info);
    }
  }

  /** go-plugin's {@code listenForKnocks}: the next stream goes to {@code id}'s server, and the ack says so. */
  private void answerKnock(int id) {
    String refused = mux.acceptKnock(id);
    ConnInfo.Knock.Builder ack = ConnInfo.Knock.newBuilder().setKnock(true).setAck(true);
    if (refused != null) {
      ack.setError(refused);
    }
    send(ConnInfo.newBuilder().setServiceId(id).setKnock(ack).build());
  }

  /** go-plugin's multiplexed {@code Accept}: a server the peer reaches by knocking for {@code id}, no socket. */
  private BrokeredServer acceptMultiplexed(int id, BindableService... services) {
    if (ended != null) {
      throw new BrokerException("cannot serve broker id " + id + ": " + ended);
    }
    io.netty.channel.local.LocalAddress address = GrpcMux.newServerAddress("broker-" + id);
    try {
      Server server = Transport.startMuxServer(mux, address, tls.serving(), Transport.bind(List.of(services)),
          Set.of());
      Served served = new Served(id, server, null, null, () -> mux.stopListening(id));
      servers.add(served);
      mux.listen(id, address);
      return served;
    } catch (IOException e) {
      throw new BrokerException("could not serve broker id " + id + ": " + e.getMessage(), e);
    }
  }

  /** go-plugin's {@code muxDial}: every connection knocks for {@code id}, waits for the ack, then opens a stream. */
  private ManagedChannel dialMultiplexed(int id) {
    io.netty.channel.local.LocalAddress dialer = mux.dialer(() -> knock(id));
    ManagedChannel channel = Transport.muxChannel(mux, dialer, tls.dialing(), builder -> {});
    Thread closer = new Thread(() -> {
      try {
        channel.awaitTermination(Long.MAX_VALUE, TimeUnit.DAYS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      mux.closeDialer(dialer);
    }, "goplugin-grpcmux-dialer-closer");
    closer.setDaemon(true);
    closer.start();
    return channel;
  }

  /** go-plugin's {@code knock}: asks the peer to give our next stream to {@code id}'s server; its ack says if it will. */
  private void knock(int id) throws IOException {
    CompletableFuture<ConnInfo> ack = new CompletableFuture<>();
    knockAcks.put(id, ack);
    try {
      send(ConnInfo.newBuilder().setServiceId(id).setKnock(ConnInfo.Knock.newBuilder().setKnock(true)).build());
      ConnInfo answer = ack.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      if (!answer.getKnock().getError().isEmpty()) {
        throw new BrokerException("the " + other() + " refused the knock for broker id " + id + ": "
            + answer.getKnock().getError());
      }
    } catch (TimeoutException e) {
      throw new BrokerException("no answer to the knock for broker id " + id + " within " + timeout.toMillis()
          + " ms: the " + other() + " does not multiplex, or serves nothing under that id");
    } catch (ExecutionException e) {
      throw new BrokerException("knock for broker id " + id + " failed: " + e.getCause().getMessage(), e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while knocking for broker id " + id, e);
    } finally {
      knockAcks.remove(id, ack);
    }
  }

  private void refuseKnock(int id) {
    send(ConnInfo.newBuilder().setServiceId(id).setKnock(ConnInfo.Knock.newBuilder().setKnock(true).setAck(true)
        .setError("this " + side + "'s broker (Java) does not multiplex (PLUGIN_MULTIPLEX_GRPC): it serves each id on"
            + " a socket of its own"))
        .build());
  }

  /** A new owner-only Unix socket serving {@code services} with this side's TLS. */
  private Served listen(int id, BindableService... services) {
    if (ended != null) {
      throw new BrokerException("cannot serve broker id " + id + ": " + ended);
    }
    try {
      Path dir = UnixSocketDir.create(socketEnv, "plugin");
      String address = dir.resolve("plugin.sock").toString();
      Server server = Transport.startServer("unix", address, tls.serving(), Transport.bind(List.of(services)));
      Served served = new Served(id, server, dir, address, () -> {});
      servers.add(served);
      try {
        UnixSocketDir.secure(Path.of(address), socketEnv);
      } catch (IOException e) {
        served.close();
        throw e;
      }
      return served;
    } catch (IOException e) {
      throw new BrokerException("could not listen for broker id " + id + ": " + e.getMessage(), e);
    }
  }

  private String other() {
    return side.equals("host") ? "plugin" : "host";
  }

  /** Whether a dial is waiting for {@code id}'s info now; for tests that act while one waits. */
  boolean isWaitingFor(int id) {
    CompletableFuture<ConnInfo> arrival = arrivals.get(id);
    return arrival != null && !arrival.isDone();
  }

  /** The directories of the sockets this broker serves on now; for checks that nothing is left behind. */
  public Set<Path> socketDirs() {
    Set<Path> dirs = ConcurrentHashMap.newKeySet();
    servers.stream().filter(served -> served.dir != null).forEach(served -> dirs.add(served.dir));
    return dirs;
  }

  private final class Served implements BrokeredServer {
    private final int id;
    private final Server server;
    private final Path dir;
    private final String address;
    private final Runnable unlisten;

    /** A brokered server; {@code dir} and {@code address} are null when it has no socket of its own (multiplexed). */
    Served(int id, Server server, Path dir, String address, Runnable unlisten) {
      this.id = id;
      this.server = server;
      this.dir = dir;
      this.address = address;
      this.unlisten = unlisten;
    }

    @Override
    public int id() {
      return id;
    }

    @Override
    public void close() {
      if (!servers.remove(this)) {
        return;
      }
      unlisten.run();
      server.shutdownNow();
      try {
        server.awaitTermination(2, TimeUnit.SECONDS);
        if (dir == null) {
          return;
        }
        Files.deleteIfExists(Path.of(address));
        Files.deleteIfExists(dir);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (IOException e) {
        throw new BrokerException("could not remove the socket of broker id " + id + ": " + e.getMessage(), e);
      }
    }
  }
}
