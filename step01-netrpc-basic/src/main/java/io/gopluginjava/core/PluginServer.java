package io.gopluginjava.core;

import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import io.gopluginjava.jsonrpc.JsonRpcServer;
import io.gopluginjava.jsonrpc.JsonWire;
import io.gopluginjava.jsonrpc.RpcHandler;
import io.gopluginjava.jsonrpc.WireTap;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.channels.SocketChannel;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;

/**
 * The plugin side, like go-plugin's {@code plugin.Serve}: check the cookie, pick a protocol version, listen, print
 * the handshake line, serve until the host says quit or goes away, then return the exit status.
 *
 * <p>Every connection starts with two services: {@code Control} (Ping, Quit) and {@code Dispenser} (Dispense).
 * After {@code Dispenser.Dispense("greeter")} the connection also serves that plugin's methods as
 * {@code Plugin.*}: go-plugin gives each dispensed plugin a stream of its own and serves it there as "Plugin".
 */
public final class PluginServer {

  /** This workbook's wire protocol: Go's net/rpc with the jsonrpc codec, one connection per dispensed plugin. */
  public static final String PROTOCOL = "jsonrpc";
  /** Not go-plugin's: set to {@code tcp} to have a plugin listen on TCP instead of a Unix socket. */
  public static final String NETWORK_ENV = "PLUGIN_NETWORK";

  private final Map<String, RpcPlugin<?>> plugins;
  private final Set<JsonRpcServer> connections = ConcurrentHashMap.newKeySet();
  private final CountDownLatch quit = new CountDownLatch(1);

  PluginServer(Map<String, RpcPlugin<?>> plugins) {
    this.plugins = plugins;
  }

  /**
   * Runs the plugin until the host says quit or goes away, and returns its exit status: 0, or 1 when it was not
   * started by a host (no magic cookie) or could not listen. A plugin's {@code main} ends the process with it:
   * {@code System.exit(PluginServer.serve(config))}.
   */
  public static int serve(ServeConfig config) {
    return run(config, System.getenv(), System.out, System.err, true);
  }

  /**
   * {@link #serve(ServeConfig)} in a JVM the plugin does not own, as go-plugin's {@code ServeTestConfig}: {@code env}
   * stands for the process's environment, the handshake line goes to {@code stdout} and messages to {@code stderr},
   * nothing watches the parent process, and serving also ends when the calling thread is interrupted. The test harness
   * {@code io.gopluginjava.testing.InJvmPlugin} serves plugins this way.
   */
  public static int serve(ServeConfig config, Map<String, String> env, PrintStream stdout, PrintStream stderr) {
    return run(config, env, stdout, stderr, false);
  }

  private static int run(ServeConfig config, Map<String, String> env, PrintStream stdout, PrintStream stderr,
      boolean ownsProcess) {
    if (!MagicCookie.explainIfMissing(env, config.handshake(), stderr)) {
      return 1;
    }
    int version = ProtocolVersions.negotiate(config.versions(),
        ProtocolVersions.parse(env.get(ProtocolVersions.ENV), stderr::println));
    PluginServer server = new PluginServer(config.plugins());
    boolean interrupted;
    try (PluginListener listener = PluginListener.fromEnvironment(env)) {
      listener.acceptEach("goplugin-connection", server::serveConnection);
      stdout.println(Handshake.of(version, listener.network(), listener.address(), PROTOCOL).toLine());
      stdout.flush();
      Runnable stopWatch = () -> {};
      if (ownsProcess) {
        Interrupts.ignore();
        stopWatch = ParentWatch.onParentExit(server.quit::countDown);
      }
      interrupted = server.awaitQuit();
      stopWatch.run();
    } catch (IOException e) {
      stderr.println("plugin could not listen: " + e.getMessage());
      return 1;
    }
    server.finishConnections();
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    return 0;
  }

  private void serveConnection(SocketChannel connection) {
    Map<String, RpcHandler> methods = new ConcurrentHashMap<>();
    methods.put("Control.Ping", param -> JsonNull.INSTANCE);
    methods.put("Control.Quit", param -> {
      quit.countDown();
      return JsonNull.INSTANCE;
    });
    methods.put("Dispenser.Dispense", param -> dispense(param, methods));
    JsonRpcServer rpc = new JsonRpcServer(new JsonWire(connection, WireTap.NONE), methods);
    connections.add(rpc);
    try {
      rpc.serve();
    } catch (IOException broken) {
      // The host went away mid-message; treated like a close below.
    } finally {
      connections.remove(rpc);
      if (connections.isEmpty()) {
        quit.countDown(); // the host closed every connection: it is gone, and so are we
      }
    }
  }

  private JsonElement dispense(JsonElement param, Map<String, RpcHandler> methods) {
    String name = param.isJsonPrimitive() ? param.getAsString() : String.valueOf(param);
    RpcPlugin<?> plugin = plugins.get(name);
    if (plugin == null) {
      throw new UnknownPluginException(name, "this plugin serves", plugins.keySet());
    }
    plugin.server().forEach((method, handler) -> methods.put("Plugin." + method, handler));
    return JsonNull.INSTANCE;
  }

  /** Waits for the quit; true when the wait was interrupted instead (the interrupt is cleared for the clean-up). */
  private boolean awaitQuit() {
    try {
      quit.await();
      return false;
    } catch (InterruptedException e) {
      return true;
    }
  }

  private void finishConnections() {
    for (JsonRpcServer connection : connections) {
      try {
        connection.finishCalls();
      } catch (IOException e) {
        // Already closed by the host.
      }
    }
  }
}
