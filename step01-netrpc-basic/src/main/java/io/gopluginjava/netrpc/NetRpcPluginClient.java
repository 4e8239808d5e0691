package io.gopluginjava.netrpc;

import io.gopluginjava.core.BoundedLines;
import io.gopluginjava.core.ClientConfig;
import io.gopluginjava.core.Handshake;
import io.gopluginjava.core.HandshakeEnvironment;
import io.gopluginjava.core.LeftoverSocket;
import io.gopluginjava.core.PluginException;
import io.gopluginjava.core.PluginListener;
import io.gopluginjava.core.PluginRunner;
import io.gopluginjava.core.UnknownPluginException;
import io.gopluginjava.core.tls.AutoMtlsCertificate;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiConsumer;

/**
 * The host side of go-plugin's netrpc protocol ({@code client.go} + {@code rpc_client.go}): starts the plugin, accepts a
 * {@code netrpc} handshake, opens one yamux session with the control, stdout and stderr streams, dispenses plugins
 * through the {@link MuxBroker}, and kills with {@code Control.Quit}, a wait, then the kill. It takes core's
 * {@link ClientConfig} for the process (command, handshake, versions, output); the plugins come as netrpc ones.
 */
public final class NetRpcPluginClient implements AutoCloseable {

  /** How long {@link #kill()} lets the plugin exit by itself, as go-plugin's Kill waits 2 s. */
  public static final Duration EXIT_GRACE = Duration.ofSeconds(2);

  private final ClientConfig config;
  private final Map<String, NetRpcPlugin<?>> plugins;
  private final boolean autoMtls;
  private PluginRunner process;
  private Handshake handshake;
  private Session session;
  private NetRpcClient control;
  private MuxBroker broker;
  private Thread[] pumps = new Thread[0];
  private boolean killed;

  /** A host with AutoMTLS on, as our gRPC hosts are by default (go-plugin's is off unless asked). */
  public NetRpcPluginClient(ClientConfig config, Map<String, NetRpcPlugin<?>> plugins) {
    this(config, plugins, true);
  }

  /**
   * With {@code autoMtls}, the host makes a certificate, passes it in {@code PLUGIN_CLIENT_CERT}, requires the plugin's
   * in field 6 of its handshake line, and speaks TLS on the connection, trusting only that certificate.
   */
  public NetRpcPluginClient(ClientConfig config, Map<String, NetRpcPlugin<?>> plugins, boolean autoMtls) {
    this.config = config;
    this.plugins = Map.copyOf(plugins);
    this.autoMtls = autoMtls;
  }

  /** Starts the plugin (once), accepts its handshake and opens the session; the plugin is killed if any of it fails. */
  public synchronized Handshake start() {
    if (process != null) {
      return handshake;
    }
    Map<String, String> env = new LinkedHashMap<>(
        HandshakeEnvironment.of(config.handshake(), config.versions(), config.network()));
    AutoMtlsCertificate hostCert = autoMtls ? AutoMtlsCertificate.generate() : null;
    if (hostCert != null) {
      env.put(AutoMtlsCertificate.CLIENT_CERT_ENV, hostCert.pem());
    }
    env.putAll(config.env());
    if (config.secureConfig() != null) {
      config.secureConfig().check(config.command());
    }
    process = config.launcher().launch(config.name(), config.command(), env, config.output());
    try {
      String line = process.awaitHandshakeLine(config.startTimeout());
      handshake = Handshake.accept(line, config.versions(), Set.of(NetRpcPluginServer.PROTOCOL));
      connect(hostCert == null ? PeerCertificates.NONE
          : new PeerCertificates(hostCert, AutoMtlsCertificate.announcedIn(handshake, line)));
      return handshake;
    } catch (RuntimeException e) {
      if (session != null) {
        session.close();
      }
      process.destroyForcibly();
      process.joinPumps(EXIT_GRACE);
      killed = true;
      LeftoverSocket.removeAfterExit(handshake);
      throw e;
    }
  }

  private void connect(PeerCertificates tls) {
    try {
      SocketChannel channel = PluginListener.connect(handshake.network(), handshake.address());
      try {
        session = tls.clientSession(channel);
      } catch (IOException e) {
        channel.close();
        throw e;
      }
      Stream controlStream = session.open();
      Stream stdout = session.open();
      Stream stderr = session.open();
      control = new NetRpcClient(controlStream.input(), controlStream.output(), controlStream,
          "plugin \"" + config.name() + "\" (control)");
      broker = new MuxBroker(session).start();
      pumps = new Thread[] {
          pump(stdout.input(), "stdout", (name, line) -> config.output().stdout(name, line)),
          pump(stderr.input(), "stderr", (name, line) -> config.output().stderr(name, line))};
    } catch (IOException e) {
      throw new PluginException("could not connect to plugin \"" + config.name() + "\" at " + handshake.network() + " "
          + handshake.address() + ": " + e.getMessage(), e);
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

  /**
   * A client for the plugin registered under {@code name}: {@code Dispenser.Dispense(name)} answers a broker id, the
   * host dials it, and every call on the returned object is a net/rpc call to {@code Plugin.*} on that stream.
   */
  public Object dispense(String name) {
    start();
    // workbook:begin dispense-by-broker-id
    NetRpcPlugin<?> plugin = plugins.get(name);
    if (plugin == null) {
      throw new UnknownPluginException(name, "this host knows", plugins.keySet());
    }
    long id = ((Number) callControl("Dispenser.Dispense", GobType.STRING, name)).longValue();
    try {
      Stream stream = broker.dial(id);
      return plugin.client(broker, new NetRpcClient(stream.input(), stream.output(), stream,
          "plugin \"" + name + "\""));
    } catch (IOException e) {
      throw new NetRpcException("could not dial broker id " + id + " for plugin \"" + name + "\": " + e.getMessage(), e);
    }
    // workbook:end
  }

  /**
   * {@link #dispense(String)}, checked against the type the caller expects. Through an interface, a call that fails
   * because the plugin's process ended throws {@link io.gopluginjava.core.PluginCallException}, with its exit status
   * and last stderr lines.
   */
  public <T> T dispense(String name, Class<T> type) {
    Object plugin = dispense(name);
    if (!type.isInstance(plugin)) {
      throw new PluginException("plugin \"" + name + "\" is a " + plugin.getClass().getName()
          + ", not the " + type.getName() + " that was asked for");
    }
    T client = type.cast(plugin);
    return type.isInterface() ? CallFailures.explain(type, client, config.name(), process) : client;
  }

  /** {@code Control.Ping}, as go-plugin's {@code RPCClient.Ping}. */
  public void ping() {
    start();
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

  /**
   * Ends the plugin as go-plugin's {@code Kill} does for netrpc: {@code Control.Quit}, close the session, wait up to
   * the config's exit grace ({@link #EXIT_GRACE} unless set) in all for the exit, then destroy the process and what
   * it started, and remove the Unix socket it announced if it is still there. Safe to call twice.
   */
  public synchronized void kill() {
    if (process == null || killed) {
      return;
    }
    killed = true;
    end();
    LeftoverSocket.removeAfterExit(handshake); // a plugin that was destroyed could not remove its socket
    for (Thread pump : pumps) {
      try {
        pump.join(EXIT_GRACE.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** go-plugin's three moves: ask, wait, destroy (see {@link #kill()}). */
  private void end() {
    // workbook:begin graceful-kill
    Duration grace = config.exitGrace();
    long deadline = System.nanoTime() + grace.toNanos();
    List<ProcessHandle> children = process.descendants();
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
    process.finish(deadline, children);
    // workbook:end
  }

  @Override
  public void close() {
    kill();
  }

  /** The plugin's process while it runs, e.g. to see its pid (this JVM's, for a plugin served in this JVM). */
  public synchronized ProcessHandle processHandle() {
    start();
    return process.handle();
  }

  public synchronized Handshake handshake() {
    return handshake;
  }

  public synchronized OptionalInt exitStatus() {
    return process == null ? OptionalInt.empty() : process.exitStatus();
  }

  public synchronized List<String> lastStderrLines() {
    return process == null ? List.of() : process.lastStderrLines();
  }
}
