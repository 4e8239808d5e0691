package io.gopluginjava.core;

import io.gopluginjava.core.tls.AutoMtlsCertificate;
import java.security.cert.X509Certificate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The host's handle on one plugin, over either wire, like go-plugin's {@code Client}: starts the plugin (or reattaches
 * to it), accepts its handshake, connects with the {@link ClientProtocol} of the protocol it chose, dispenses typed
 * clients from the plugins of the version it negotiated, pings it, and kills it: ask, wait, destroy, remove its
 * socket. Close it on every path.
 */
public final class PluginClient implements AutoCloseable {

  private final ClientConfig config;
  private boolean started;
  private PluginRunner process;
  private Handshake handshake;
  private ClientProtocol connection;
  private volatile boolean killed;

  public PluginClient(ClientConfig config) {
    this.config = config;
  }

  /**
   * Starts the plugin (once), accepts its handshake and connects; ends the plugin on failure. With a reattach config
   * it starts nothing: it checks that the plugin's process runs, then connects to its address.
   */
  public synchronized Handshake start() {
    if (started) {
      if (connection == null) {
        throw new PluginException("plugin \"" + config.name() + "\" failed to start before: make a new client");
      }
      return handshake;
    }
    started = true;
    if (config.reattach() != null) {
      return reattach(config.reattach());
    }
    if (config.secureConfig() != null) {
      config.secureConfig().check(config.command()); // before anything runs
    }
    AutoMtlsCertificate hostCert = config.autoMtls() ? AutoMtlsCertificate.generate() : null;
    Map<String, String> env = new LinkedHashMap<>(
        HandshakeEnvironment.of(config.handshake(), config.versions(), config.network().wireName()));
    if (hostCert != null) {
      env.put(AutoMtlsCertificate.CLIENT_CERT_ENV, hostCert.pem());
    }
    if (config.multiplex()) {
      env.put(ClientConfig.MULTIPLEX_ENV, "true");
    }
    env.putAll(config.env());
    process = config.skipHostEnv()
        ? PluginProcess.start(config.name(), config.command(), env, config.output(), false)
        : config.launcher().launch(config.name(), config.command(), env, config.output());
    String line = null;
    try {
      for (Protocol allowed : config.allowedProtocols()) {
        prepare(allowed, hostCert != null);
      }
      line = process.awaitHandshakeLine(config.startTimeout());
      handshake = Handshake.accept(line, config.versions(), wireNames(config.allowedProtocols()));
      X509Certificate pluginCert = hostCert == null ? null : AutoMtlsCertificate.announcedIn(handshake, line);
      connection = Protocol.parse(handshake.protocol()).clientFactory()
          .connect(new ProtocolConnection(config, handshake, process, hostCert, pluginCert));
      return handshake;
    } catch (RuntimeException e) {
      killed = true;
      process.destroyForcibly();
      process.joinPumps(config.exitGrace());
      if (line != null) {
        LeftoverSocket.removeAnnouncedIn(line); // also a line the host refused: it still named the plugin's socket
      }
      throw e;
    }
  }

  /** Lets a wire get ready while the plugin starts; a wire that is not on the class path is not an error yet. */
  private static void prepare(Protocol protocol, boolean tls) {
    try {
      protocol.clientFactory().prepare(tls);
    } catch (PluginException notHere) {
      // Only a plugin that chooses this wire makes it an error, with this message.
    }
  }

  private static Set<String> wireNames(Set<Protocol> protocols) {
    return protocols.stream().map(Protocol::wireName).collect(Collectors.toSet());
  }

  // tag::reattach[]
  /** go-plugin's {@code reattach()}: the process must be running, then the plugin is used as if this host started it. */
  private Handshake reattach(ReattachConfig reattach) {
    ProcessHandle running = reattach.runningProcess().orElseThrow(() -> {
      killed = true;
      return new ProcessNotFoundException(reattach);
    });
    process = new AttachedPlugin(running, config.exitGrace());
    handshake = new Handshake(Handshake.CORE_VERSION, reattach.protocolVersion(), reattach.network().wireName(),
        reattach.address(), reattach.protocol().wireName(), "", false);
    try {
      connection = reattach.protocol().clientFactory()
          .connect(new ProtocolConnection(config, handshake, process, null, null));
      return handshake;
    } catch (RuntimeException e) {
      killed = true;
      throw e; // not ours to end: the plugin was running before this host came
    }
  }
  // end::reattach[]

  /**
   * A client for the plugin registered as {@code name} for the app protocol version the plugin negotiated. When
   * {@code type} is an interface, every failure of a call through it is a {@link PluginCallException}: the plugin
   * exited, did not answer within the call timeout, cannot be reached, or answered with an error (the wire's error
   * is the cause).
   *
   * @throws UnknownPluginException when the host has no such name for that version; it lists the names it has
   */
  public <T> T dispense(String name, Class<T> type) {
    start();
    Map<String, Plugin> plugins = config.plugins(handshake.appVersion());
    Plugin plugin = plugins.get(name);
    if (plugin == null) {
      throw new UnknownPluginException(name, config.versions().size() == 1 ? "this host knows"
          : "this host knows for app protocol version " + handshake.appVersion(), plugins.keySet());
    }
    Object client = connection.dispense(name, plugin, handshake.appVersion());
    if (!type.isInstance(client)) {
      throw new PluginException("plugin \"" + name + "\" gives a " + client.getClass().getName() + ", not the "
          + type.getName() + " that was asked for");
    }
    T typed = type.cast(client);
    return type.isInterface() ? connection.explainFailures(type, typed) : typed;
  }

  /** Checks that the plugin answers (netrpc: {@code Control.Ping}; gRPC: its health service), as go-plugin's. */
  public void ping() {
    start();
    connection.ping();
  }

  /** The protocol the plugin chose, starting it if needed. */
  public Protocol protocol() {
    return clientProtocol().protocol();
  }

  /**
   * The connection, as go-plugin's {@code Client()}: for what only one wire has, e.g.
   * {@code ((GrpcClientProtocol) client.clientProtocol()).channel()}.
   */
  public synchronized ClientProtocol clientProtocol() {
    start();
    return connection;
  }

  /** The app protocol version the plugin negotiated, starting it if needed. */
  public int negotiatedVersion() {
    return start().appVersion();
  }

  /**
   * Ends the plugin, as go-plugin's {@code Kill}: the wire asks it to quit, then the host waits for the exit until
   * the config's exit grace is up, destroys it and anything it started, and removes the Unix socket it announced if
   * it is still there. A plugin this host reattached to is ended the same way, by its pid; one reattached in test
   * mode is left running, as go-plugin leaves it, and only this host's connection is closed. Safe to call twice.
   */
  public synchronized void kill() {
    if (killed || connection == null) { // never started, or its start failed and ended it
      return;
    }
    killed = true;
    if (config.reattach() != null && config.reattach().test()) {
      connection.close();
      return;
    }
    long deadline = System.nanoTime() + config.exitGrace().toNanos();
    List<ProcessHandle> children = process.descendants();
    connection.kill(() -> {
      process.finish(deadline, children);
      return process instanceof AttachedPlugin attached ? attached.exitedByItself()
          : process.exitStatus().equals(OptionalInt.of(0));
    });
    LeftoverSocket.removeAfterExit(handshake); // a plugin that was destroyed could not remove it
  }

  @Override
  public void close() {
    kill();
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
    return new ReattachConfig(Protocol.parse(handshake.protocol()), handshake.appVersion(),
        Network.parse(handshake.network()), handshake.address(),
        process.handle().pid(), false);
  }

  /** The accepted handshake, or null before {@link #start()}. */
  public synchronized Handshake handshake() {
    return handshake;
  }

  /** The plugin's process while it runs, e.g. to see its pid (this JVM's, for a plugin served in this JVM). */
  public synchronized ProcessHandle processHandle() {
    start();
    return process.handle();
  }

  /** The exit status once the plugin has ended; always empty for a plugin this host reattached to. */
  public synchronized OptionalInt exitStatus() {
    return process == null ? OptionalInt.empty() : process.exitStatus();
  }

  /** The last lines the plugin wrote on stderr (none for a reattached plugin). */
  public synchronized List<String> lastStderrLines() {
    return process == null ? List.of() : process.lastStderrLines();
  }
}
