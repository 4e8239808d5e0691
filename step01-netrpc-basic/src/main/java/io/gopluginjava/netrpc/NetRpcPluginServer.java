package io.gopluginjava.netrpc;

import io.gopluginjava.core.Handshake;
import io.gopluginjava.core.Interrupts;
import io.gopluginjava.core.ParentWatch;
import io.gopluginjava.core.PluginListener;
import io.gopluginjava.core.ServedPlugins;
import io.gopluginjava.core.UnknownPluginException;
import io.gopluginjava.gob.GobType;
import io.gopluginjava.yamux.Session;
import io.gopluginjava.yamux.Stream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.channels.SocketChannel;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;

/**
 * The plugin side of go-plugin's netrpc protocol ({@code server.go} + {@code rpc_server.go}): check the cookie, pick a
 * version, listen, print {@code 1|N|unix|PATH|netrpc|}; then, per connection, a yamux server session whose first three
 * streams are control, stdout and stderr. Control serves {@code Control.Ping}, {@code Control.Quit} and
 * {@code Dispenser.Dispense}, which answers a {@link MuxBroker} id where the plugin is served as {@code Plugin}.
 */
public final class NetRpcPluginServer {

  public static final String PROTOCOL = "netrpc";

  private final Map<String, NetRpcPlugin<?>> plugins;
  private final PluginStdio stdio;
  private final PeerCertificates tls;
  private final PrintStream log; // the real stderr: the host reads it as the plugin's log
  private final Set<Session> sessions = ConcurrentHashMap.newKeySet();
  private final CountDownLatch quit = new CountDownLatch(1);
  /** Set when a bug ended the plugin: a Go plugin that panics exits with status 2. */
  private volatile boolean crashed;

  private NetRpcPluginServer(Map<String, NetRpcPlugin<?>> plugins, PluginStdio stdio, PeerCertificates tls,
      PrintStream log) {
    this.plugins = plugins;
    this.log = log;
    this.stdio = stdio;
    this.tls = tls;
  }

  /**
   * Serves {@code served} (its plugins all netrpc ones) until the host says quit or goes away; returns the exit
   * status. When the plugin owns its process, {@code System.out} and {@code System.err} go to the host over the
   * session after the handshake line, as in a Go plugin; log lines keep going to the real stderr, which the host
   * reads as the plugin's log (slf4j-simple keeps the stream it started with: {@code cacheOutputStream} in
   * {@code simplelogger.properties}). Reached through {@link io.gopluginjava.core.PluginServer}.
   */
  static int serve(ServedPlugins served) {
    Map<String, NetRpcPlugin<?>> plugins = new HashMap<>();
    served.plugins().forEach((name, plugin) -> plugins.put(name, (NetRpcPlugin<?>) plugin));
    PrintStream stderr = served.stderr();
    served.versionWarnings().forEach(stderr::println);
    return run(Map.copyOf(plugins), served.version(), served.env(), served.stdout(), stderr, new PluginStdio(),
        served.ownsProcess());
  }

  private static int run(Map<String, NetRpcPlugin<?>> plugins, int version, Map<String, String> env,
      PrintStream stdout, PrintStream stderr, PluginStdio stdio, boolean ownsProcess) {
    PeerCertificates tls;
    try {
      tls = PeerCertificates.fromEnvironment(env);
    } catch (IllegalArgumentException e) {
      stderr.println(e.getMessage());
      return 1;
    }
    NetRpcPluginServer server = new NetRpcPluginServer(plugins, stdio, tls, stderr);
    try (PluginListener listener = PluginListener.fromEnvironment(env)) {
      listener.acceptEach("netrpc-connection", server::serveConnection);
      stdout.println(new Handshake(Handshake.CORE_VERSION, version, listener.network(), listener.address(), PROTOCOL,
          tls.handshakeField(), false).toLine());
      stdout.flush();
      if (ownsProcess) {
        System.setOut(stdio.stdout());
        System.setErr(stdio.stderr());
      }
      Runnable stopWatch = () -> { };
      if (ownsProcess) {
        Interrupts.ignore();
        stopWatch = ParentWatch.onParentExit(server.quit::countDown);
      }
      server.quit.await();
      stopWatch.run();
    } catch (IOException e) {
      stderr.println("plugin could not listen: " + e.getMessage());
      return 1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      server.sessions.forEach(Session::close);
      stdio.disconnect();
    }
    return server.crashed ? 2 : 0;
  }

  /**
   * A method or the runtime threw where nothing could answer for it: as a Go plugin's panic, it is logged and ends
   * the plugin, whose host then sees the process exit (with this line among its last stderr lines) instead of a call
   * that never returns.
   */
  private void crash(String where, RuntimeException e) {
    log.println("[ERROR] plugin crashed in " + where + ": " + e);
    log.flush();
    crashed = true;
    quit.countDown();
  }

  private void serveConnection(SocketChannel connection) {
    Session session;
    try {
      session = tls.serverSession(connection);
    } catch (IOException e) {
      // A client without the host's certificate (or no TLS at all): refused, and the plugin keeps serving its host.
      log.println("[WARN] refused a connection: " + e.getMessage());
      closeQuietly(connection);
      return;
    }
    sessions.add(session);
    try {
      Stream control = session.accept();
      Stream stdout = session.accept();
      Stream stderr = session.accept();
      stdio.connect(stdout.output(), stderr.output());
      MuxBroker broker = new MuxBroker(session).start();
      Map<String, NetRpcMethod> methods = new HashMap<>();
      methods.put("Control.Ping", new NetRpcMethod(RpcHeaders.EMPTY, argument -> Map.of()));
      methods.put("Control.Quit", new NetRpcMethod(RpcHeaders.EMPTY, argument -> Map.of(), quit::countDown));
      methods.put("Dispenser.Dispense", new NetRpcMethod(GobType.UINT, name -> dispense(broker, name)));
      new NetRpcServer(methods).serve(control.input(), control.output());
    } catch (IOException e) {
      // The host went away or broke the protocol; either way this connection is over.
    } catch (RuntimeException e) {
      crash("the control stream", e);
    } finally {
      sessions.remove(session);
      if (sessions.isEmpty()) {
        quit.countDown(); // the host closed its connection: it is gone, and so are we
      }
    }
  }

  private static void closeQuietly(SocketChannel connection) {
    try {
      connection.close();
    } catch (IOException ignored) {
      // It is being dropped anyway.
    }
  }

  private long dispense(MuxBroker broker, Object name) {
    NetRpcPlugin<?> plugin = plugins.get(String.valueOf(name));
    if (plugin == null) {
      throw new UnknownPluginException(String.valueOf(name), "this plugin serves", plugins.keySet());
    }
    Map<String, NetRpcMethod> methods = new HashMap<>();
    plugin.server(broker).forEach((method, handler) -> methods.put("Plugin." + method, handler));
    long id = broker.nextId();
    Thread serving = new Thread(() -> {
      try (Stream stream = broker.accept(id)) {
        new NetRpcServer(methods).serve(stream.input(), stream.output());
      } catch (IOException e) {
        // The host never dialled, or left: nothing more to serve on this id.
      } catch (RuntimeException e) {
        crash("plugin \"" + name + "\" on broker id " + id, e);
      }
    }, "netrpc-plugin-" + id);
    serving.setDaemon(true);
    serving.start();
    return id;
  }
}
