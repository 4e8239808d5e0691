package io.gopluginjava.step01.host;

import io.gopluginjava.core.ClientConfig;
import io.gopluginjava.core.Handshake;
import io.gopluginjava.core.JavaCommand;
import io.gopluginjava.core.PluginClient;
import io.gopluginjava.core.PluginOutput;
import io.gopluginjava.step01.plugin.GreeterNetRpcPluginMain;
import io.gopluginjava.step01.shared.Greeter;
import io.gopluginjava.step01.shared.GreeterNetRpcPlugin;
import io.gopluginjava.step01.shared.Handshakes;
import java.util.List;

/**
 * The host program of step01, and the tour's first stop: launches the Greeter plugin, says what travels over
 * go-plugin's netrpc wire, greets, and kills the plugin. Set {@code GREETER_PLUGIN} to run another plugin command
 * through {@code sh -c}, e.g. a Go Greeter built on go-plugin.
 */
public final class GreeterHost {

  public static void main(String[] args) {
    String override = System.getenv("GREETER_PLUGIN");
    List<String> command = override != null ? List.of("sh", "-c", override)
        : JavaCommand.forMain(GreeterNetRpcPluginMain.class);
    Trace trace = new Trace();

    // tag::host-main[]
    ClientConfig config = ClientConfig.builder()
        .name(Handshakes.GREETER_PLUGIN)
        .handshake(Handshakes.GREETER)
        .plugin(Handshakes.GREETER_PLUGIN, new GreeterNetRpcPlugin())
        .command(command)
        .autoMtls(false) // as in the blog's host and go-plugin's default: one plain yamux session on the socket
        .output(trace)
        .build();

    try (PluginClient client = new PluginClient(config)) {
      trace.step("launch", String.join(" ", shorten(command)));
      Handshake handshake = client.start();
      trace.step("handshake", handshake.toLine());
      trace.note("core " + handshake.coreVersion() + ", app version " + handshake.appVersion() + ", "
          + handshake.network() + " " + handshake.address() + ", protocol " + handshake.protocol());
      trace.note("one yamux session: the host opened its control stream, then the plugin's stdout and stderr");

      Greeter greeter = client.dispense(Handshakes.GREETER_PLUGIN, Greeter.class);
      trace.step("dispense", "Dispenser.Dispense(\"greeter\") answered a broker id; the host dialled a stream with it");
      String greeting = greeter.greet();
      trace.step("result", "Plugin.Greet answered " + greeting);

      long started = System.nanoTime();
      client.kill();
      trace.step("kill", "Control.Quit, then the plugin exited with status " + client.exitStatus().orElse(-1)
          + " after " + (System.nanoTime() - started) / 1_000_000 + " ms");
    }
    // end::host-main[]
  }

  private static List<String> shorten(List<String> command) {
    return command.stream().map(part -> part.length() > 60 ? part.substring(0, 57) + "..." : part).toList();
  }

  /** Prints the tour: each step, and each line the plugin writes on its stdout, stderr or log. */
  private static final class Trace implements PluginOutput {
    void step(String what, String detail) {
      System.out.printf("%-10s %s%n", what, detail);
    }

    void note(String detail) {
      System.out.printf("%-10s %s%n", "", detail);
    }

    @Override
    public synchronized void stderr(String plugin, String line) {
      System.out.printf("%-10s [%s stderr] %s%n", "", plugin, line);
    }

    @Override
    public synchronized void stdout(String plugin, String line) {
      System.out.printf("%-10s [%s stdout] %s%n", "", plugin, line);
    }
  }
}
