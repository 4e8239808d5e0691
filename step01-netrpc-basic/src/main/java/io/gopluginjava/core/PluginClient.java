package io.gopluginjava.core;

import io.gopluginjava.jsonrpc.JsonRpcClient;
import io.gopluginjava.jsonrpc.JsonWire;
import io.gopluginjava.jsonrpc.RpcException;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The host side, like go-plugin's {@code plugin.Client}: starts the plugin process, reads its handshake, connects,
 * dispenses plugins by name and kills the process at the end. Close it (or call {@link #kill()}) on every path:
 * whoever starts a process ends it.
 */
public final class PluginClient implements AutoCloseable {


  private final ClientConfig config;
  private final List<JsonRpcClient> connections = new CopyOnWriteArrayList<>();
  private PluginRunner process;
  private Handshake handshake;
  private JsonRpcClient control;
  private boolean killed;

  public PluginClient(ClientConfig config) {
    if (config.plugins().isEmpty()) {
      // The plugin map may be empty in a config for io.gopluginjava.netrpc.NetRpcPluginClient, which brings its own.
      throw new IllegalArgumentException("a client needs at least one plugin");
    }
    this.config = config;
  }

  /** Starts the plugin (once) and waits for a handshake this host accepts; the plugin is killed if it fails. */
  public synchronized Handshake start() {
    if (process != null) {
      return handshake;
    }
    Map<String, String> env = new LinkedHashMap<>(
        HandshakeEnvironment.of(config.handshake(), config.versions(), config.network()));
    env.putAll(config.env());
    if (config.secureConfig() != null) {
      config.secureConfig().check(config.command()); // before anything runs
    }
    process = config.launcher().launch(config.name(), config.command(), env, config.output());
    try {
      String line = process.awaitHandshakeLine(config.startTimeout());
      handshake = Handshake.accept(line, config.versions(), config.allowedProtocols());
      control = connect("plugin \"" + config.name() + "\" (control)");
      return handshake;
    } catch (RuntimeException e) {
      process.destroyForcibly();
      process.joinPumps(config.exitGrace());
      killed = true;
      LeftoverSocket.removeAfterExit(handshake);
      throw e;
    }
  }

  /**
   * A client for the plugin registered under {@code name} in the host's plugin map: the plugin is asked to serve it
   * on a connection of its own, and every call on the returned object is an RPC on that connection.
   *
   * @throws UnknownPluginException when the host's map has no such name; it lists the names it has
   */
  public Object dispense(String name) {
    start();
    RpcPlugin<?> plugin = config.plugins().get(name);
    if (plugin == null) {
      throw new UnknownPluginException(name, "this host knows", config.plugins().keySet());
    }
    JsonRpcClient rpc = connect("plugin \"" + name + "\"");
    rpc.call("Dispenser.Dispense", name, Void.class);
    return plugin.client(rpc);
  }

  /**
   * {@link #dispense(String)}, checked against the type the caller expects. Through an interface, a call that fails
   * because of the plugin's process throws {@link PluginCallException}: it exited (with its status and last stderr
   * lines) or did not answer within the call timeout.
   */
  public <T> T dispense(String name, Class<T> type) {
    Object plugin = dispense(name);
    if (!type.isInstance(plugin)) {
      throw new PluginException("plugin \"" + name + "\" is a " + plugin.getClass().getName()
          + ", not the " + type.getName() + " that was asked for");
    }
    T client = type.cast(plugin);
    return type.isInterface() ? CallFailures.explain(type, client, config.name(), process, config.callTimeout())
        : client;
  }

  /** Asks the plugin whether it is alive, as go-plugin's {@code Ping}. */
  public void ping() {
    start();
    control.call("Control.Ping", null, Void.class);
  }

  /**
   * Ends the plugin: asks it to quit over RPC and gives it {@link ClientConfig#exitGrace()} (two seconds unless set),
   * all told, to exit; then destroys it and anything it started, and removes the Unix socket it announced if it is
   * still there. Safe to call more than once.
   */
  public synchronized void kill() {
    if (process == null || killed) {
      return;
    }
    killed = true;
    end();
    LeftoverSocket.removeAfterExit(handshake); // a plugin that was destroyed could not remove it
  }

  /** go-plugin's three moves: ask, wait, destroy (see {@link #kill()}). */
  private void end() {
    long deadline = System.nanoTime() + config.exitGrace().toNanos();
    List<ProcessHandle> children = process.descendants();
    try {
      control.call("Control.Quit", null, Void.class, config.exitGrace());
    } catch (RpcException e) {
      config.output().stderr(config.name(), "(host) Control.Quit failed, the plugin will be destroyed: " + e.getMessage());
    }
    connections.forEach(JsonRpcClient::close);
    process.finish(deadline, children);
  }

  @Override
  public void close() {
    kill();
  }

  /** The handshake the plugin printed, once started. */
  public synchronized Handshake handshake() {
    return handshake;
  }

  /** The plugin's process while it runs, e.g. to see its pid (this JVM's, for a plugin served in this JVM). */
  public synchronized ProcessHandle processHandle() {
    start();
    return process.handle();
  }

  /** The plugin's exit status once it has exited. */
  public synchronized OptionalInt exitStatus() {
    return process == null ? OptionalInt.empty() : process.exitStatus();
  }

  /** The last lines the plugin wrote on stderr. */
  public synchronized List<String> lastStderrLines() {
    return process == null ? List.of() : process.lastStderrLines();
  }

  private JsonRpcClient connect(String peer) {
    try {
      JsonRpcClient rpc = new JsonRpcClient(
          new JsonWire(PluginListener.connect(handshake.network(), handshake.address()), config.wireTap()),
          peer, config.callTimeout());
      connections.add(rpc);
      return rpc;
    } catch (IOException e) {
      throw new PluginException("could not connect to " + peer + " at " + handshake.network() + " "
          + handshake.address() + ": " + e.getMessage(), e);
    }
  }
}
