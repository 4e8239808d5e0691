package io.gopluginjava.step01.host;

import io.gopluginjava.core.ClientConfig;
import io.gopluginjava.core.Handshake;
import io.gopluginjava.core.JavaCommand;
import io.gopluginjava.core.PluginClient;
import io.gopluginjava.core.PluginOutput;
import io.gopluginjava.step01.plugin.GreeterPluginMain;
import io.gopluginjava.step01.shared.Greeter;
import io.gopluginjava.step01.shared.GreeterPlugin;
import io.gopluginjava.step01.shared.Handshakes;
import java.util.List;

/**
 * The host program of step01, and the tour's first stop: launches the Greeter plugin, prints what crosses the
 * wire, greets, and kills the plugin. Set {@code GREETER_PLUGIN} to run another plugin command through {@code sh -c}.
 */
public final class GreeterHost {

  public static void main(String[] args) {
    String override = System.getenv("GREETER_PLUGIN");
    List<String> command = override != null ? List.of("sh", "-c", override) : JavaCommand.forMain(GreeterPluginMain.class);
    Trace trace = new Trace();

    // tag::host-main[]
    ClientConfig config = ClientConfig.builder()
        .handshake(Handshakes.GREETER)
        .plugin(Handshakes.GREETER_PLUGIN, new GreeterPlugin())
        .command(command)
        .output(trace)
        .wireTap((outgoing, json) -> trace.wire(outgoing, json))
        .build();

    try (PluginClient client = new PluginClient(config)) {
      trace.step("launch", String.join(" ", shorten(command)));
      Handshake handshake = client.start();
      trace.step("handshake", handshake.toLine());
      trace.note("core " + handshake.coreVersion() + ", app version " + handshake.appVersion() + ", "
          + handshake.network() + " " + handshake.address() + ", protocol " + handshake.protocol());

      Greeter greeter = client.dispense(Handshakes.GREETER_PLUGIN, Greeter.class);
      String greeting = greeter.greet();
      trace.step("result", greeting);

      long started = System.nanoTime();
      client.kill();
      trace.step("kill", "plugin exited with status " + client.exitStatus().orElse(-1) + " after "
          + (System.nanoTime() - started) / 1_000_000 + " ms");
    }
    // end::host-main[]
  }

  private static List<String> shorten(List<String> command) {
    return command.stream().map(part -> part.length() > 60 ? part.substring(0, 57) + "..." : part).toList();
  }

  /** Prints the tour: each step, each JSON message on the wire, each line the plugin logs. */
  private static final class Trace implements PluginOutput {
    void step(String what, String detail) {
      System.out.printf("%-10s %s%n", what, detail);
    }

    void note(String detail) {
      System.out.printf("%-10s %s%n", "", detail);
    }

    synchronized void wire(boolean outgoing, String json) {
      System.out.printf("%-10s %s %s%n", "", outgoing ? "host -> plugin" : "plugin -> host", json);
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
