package io.gopluginjava.netrpc;

import io.gopluginjava.core.BoundedLines;
import io.gopluginjava.core.ClientConfig;
import io.gopluginjava.core.ClientProtocol;
import io.gopluginjava.core.Handshake;
import io.gopluginjava.core.Plugin;
import io.gopluginjava.core.PluginException;
import io.gopluginjava.core.PluginListener;
import io.gopluginjava.core.PluginRunner;
import io.gopluginjava.core.Protocol;
import io.gopluginjava.core.ProtocolConnection;
import io.gopluginjava.gob.GobType;
import io.gopluginjava.yamux.Session;
import io.gopluginjava.yamux.Stream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiConsumer;

/**
 * The host side of go-plugin's netrpc protocol ({@code rpc_client.go}): one yamux session with the control, stdout and
 * stderr streams, plugins dispensed through the {@link MuxBroker}, and {@code Control.Quit} to end. The process is
 * {@link io.gopluginjava.core.PluginClient}'s.
 */
public final class NetRpcClientProtocol implements ClientProtocol {

  private final ClientConfig config;
  private final PluginRunner process;
  private final Session session;
  private final NetRpcClient control;
  private final MuxBroker broker;
  private final Thread[] pumps;

  private NetRpcClientProtocol(ProtocolConnection connection, Session session) throws IOException {
    this.config = connection.config();
    this.process = connection.plugin();
    this.session = session;
    Stream controlStream = session.open();
    Stream stdout = session.open();
    Stream stderr = session.open();
    control = new NetRpcClient(controlStream.input(), controlStream.output(), controlStream,
        "plugin \"" + config.name() + "\" (control)");
    broker = new MuxBroker(session).start();
    pumps = new Thread[] {
        pump(stdout.input(), "stdout", (name, line) -> config.output().stdout(name, line)),
        pump(stderr.input(), "stderr", (name, line) -> config.output().stderr(name, line))};
  }

  /** Connects to the plugin {@code connection} describes: TLS when AutoMTLS is on, then the session's streams. */
  static NetRpcClientProtocol connect(ProtocolConnection connection) {
    Handshake handshake = connection.handshake();
    PeerCertificates tls = connection.tls()
        ? new PeerCertificates(connection.hostCertificate(), connection.pluginCertificate()) : PeerCertificates.NONE;
    try {
      SocketChannel channel = PluginListener.connect(handshake.network(), handshake.address());
      Session session;
      try {
        session = tls.clientSession(channel);
      } catch (IOException e) {
        channel.close();
        throw e;
      }
      try {
        return new NetRpcClientProtocol(connection, session);
      } catch (IOException | RuntimeException e) {
        session.close();
        throw e;
      }
    } catch (IOException e) {
      throw new PluginException("could not connect to plugin \"" + connection.config().name() + "\" at "
          + handshake.network() + " " + handshake.address() + ": " + e.getMessage(), e);
    }
  }

  /** Copies one of the plugin's output streams to the host's output, line by line, until the session ends. */
  private Thread pump(InputStream in, String which, BiConsumer<String, String> sink) {
    Thread thread = new Thread(() -> {
      BoundedLines lines = new BoundedLines(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)));
      try {
        for (String line = lines.next(); line != null; line = lines.next()) {
          sink.accept(config.name(), line);
        }
      } catch (IOException ended) {
        // The session ended: nothing more will come.
      }
    }, "netrpc-" + which + "-" + config.name());
    thread.setDaemon(true);
    thread.start();
    return thread;
  }

  @Override
  public Protocol protocol() {
    return Protocol.NETRPC;
  }

  /**
   * A client for {@code declaration}: {@code Dispenser.Dispense(name)} answers a broker id, the host dials it, and
   * every call on the returned object is a net/rpc call to {@code Plugin.*} on that stream.
   */
  @Override
  public Object dispense(String name, Plugin declaration, int version) {
    if (!(declaration instanceof NetRpcPlugin<?> plugin)) {
      throw new PluginException("plugin \"" + name + "\" is declared as a " + declaration.getClass().getName()
          + ", which is not a NetRpcPlugin, and the plugin speaks netrpc: implement NetRpcPlugin, or host a plugin"
          + " that speaks grpc");
    }
    // workbook:begin dispense-by-broker-id
    long id = ((Number) callControl("Dispenser.Dispense", GobType.STRING, name)).longValue();
    try {
      Stream stream = broker.dial(id);
      return plugin.client(broker, new NetRpcClient(stream.input(), stream.output(), stream,
          "plugin \"" + name + "\""), version);
    } catch (IOException e) {
      throw new NetRpcException("could not dial broker id " + id + " for plugin \"" + name + "\": " + e.getMessage(), e);
    }
    // workbook:end
  }

  @Override
  public <T> T explainFailures(Class<T> type, T client) {
    return CallFailures.explain(type, client, config.name(), process);
  }

  /** {@code Control.Ping}, as go-plugin's {@code RPCClient.Ping}. */
  @Override
  public void ping() {
    callControl("Control.Ping", GobType.BOOL, true);
  }

  /** A call on the control stream; when the plugin's process ended under it, the error says so, with its stderr. */
  private Object callControl(String method, GobType argumentType, Object argument) {
    try {
      return control.call(method, argumentType, argument);
    } catch (NetRpcException e) {
      throw CallFailures.explained(e, method, config.name(), process);
    }
  }

  /** go-plugin's {@code Kill} for netrpc: see {@link #end}; then the output pumps finish. */
  @Override
  public void kill(ExitWait exit) {
    end(exit);
    joinPumps();
  }

  /** go-plugin's three moves for netrpc: ask ({@code Control.Quit}), close the session, wait (then destroy). */
  private void end(ExitWait exit) {
    // workbook:begin graceful-kill
    Duration grace = config.exitGrace();
    // go-plugin sets no deadline on Control.Quit; a hung plugin must not hang its host's kill, so ours has one.
    CompletableFuture<Object> quit = CompletableFuture.supplyAsync(
        () -> control.call("Control.Quit", GobType.BOOL, true));
    try {
      quit.get(grace.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException | TimeoutException e) {
      config.output().stderr(config.name(), "(host) Control.Quit failed, the plugin will be destroyed: "
          + (e instanceof ExecutionException ? e.getCause().getMessage() : "no answer within " + grace));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    session.close(); // also ends a Quit call still waiting
    exit.await();
    // workbook:end
  }

  @Override
  public void close() {
    session.close();
    joinPumps();
  }

  private void joinPumps() {
    for (Thread pump : pumps) {
      try {
        pump.join(ClientConfig.EXIT_GRACE.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
