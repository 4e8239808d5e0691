package io.gopluginjava.testing;

import io.gopluginjava.core.PluginLauncher;
import io.gopluginjava.core.PluginOutput;
import io.gopluginjava.core.PluginRunner;
import io.gopluginjava.core.PluginServer;
import io.gopluginjava.core.ServeConfig;
import java.io.PrintStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The test harness for plugin authors, like go-plugin's {@code TestPluginRPCConn} and test-mode {@code Serve}: the
 * plugin's {@code serve} runs on a thread of this JVM, and the host's client reaches it the way it reaches a plugin
 * process, through the handshake line and a real socket, with the same code on both sides. Give it to the host's
 * config in place of a command:
 *
 * <pre>{@code
 * PluginClient client = new PluginClient(ClientConfig.builder()
 *     .handshake(HANDSHAKE)
 *     .plugin("greeter", new GreeterNetRpcPlugin())
 *     .launcher(InJvmPlugin.serving(ServeConfig.of(HANDSHAKE, Map.of("greeter", new GreeterNetRpcPlugin(impl)))))
 *     .build());
 * }</pre>
 *
 * <p>The client's {@code kill} ends it as it ends a process, and its exit status is what {@code serve} returned. What
 * only a process shows is not here: {@code System.exit}, the plugin's own {@code System.out} and {@code System.err},
 * signals, and the watch on a parent process.
 */
public final class InJvmPlugin implements PluginLauncher {

  /** A plugin's {@code serve} in its JVM-sharing form, e.g. {@link PluginServer#serve(ServeConfig, Map, PrintStream, PrintStream)}. */
  @FunctionalInterface
  public interface Serve {
    int serve(Map<String, String> env, PrintStream stdout, PrintStream stderr);
  }

  private final Serve serve;

  private InJvmPlugin(Serve serve) {
    this.serve = serve;
  }

  /** A plugin served by {@link PluginServer} with {@code config}, on the wire it chooses. */
  public static InJvmPlugin serving(ServeConfig config) {
    return of((env, stdout, stderr) -> PluginServer.serve(config, env, stdout, stderr));
  }

  /** A plugin served by {@code serve}, e.g. a test's own server. */
  public static InJvmPlugin of(Serve serve) {
    return new InJvmPlugin(serve);
  }

  /** Serves the plugin with this JVM's environment plus {@code env}, as a process would see it; the command is not used. */
  @Override
  public PluginRunner launch(String name, List<String> command, Map<String, String> env, PluginOutput output) {
    Map<String, String> environment = new HashMap<>(System.getenv());
    environment.putAll(env);
    return InJvmRunner.start(name, serve, Map.copyOf(environment), output);
  }
}
