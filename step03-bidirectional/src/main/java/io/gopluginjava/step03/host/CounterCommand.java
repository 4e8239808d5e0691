package io.gopluginjava.step03.host;

import io.gopluginjava.core.ClientConfig;
import io.gopluginjava.core.PluginCallException;
import io.gopluginjava.core.PluginClient;
import io.gopluginjava.core.PluginException;
import io.gopluginjava.step02.host.PluginChoice;
import io.gopluginjava.step03.plugin.CounterPluginMain;
import io.gopluginjava.step03.shared.AddHelper;
import io.gopluginjava.step03.shared.Counter;
import io.gopluginjava.step03.shared.CounterGrpcPlugin;
import io.gopluginjava.step03.shared.Plugins;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;

/**
 * {@code counter put KEY N} and {@code counter get KEY}, like go-plugin's {@code examples/bidirectional/main.go}: the
 * plugin command comes from {@code $COUNTER_PLUGIN} and runs through {@code sh -c} (this jar's Java Counter plugin
 * when unset), with AutoMTLS unless {@code COUNTER_AUTO_MTLS=false} and a start timeout from
 * {@code COUNTER_START_TIMEOUT} (see {@link PluginChoice}). The host adds: the plugin calls it back to.
 */
public final class CounterCommand {

  static final String USAGE = "usage: counter put KEY N | counter get KEY   (plugin command from $COUNTER_PLUGIN)";

  public static void main(String[] args) {
    System.exit(run(List.of(args), System.getenv(), System.out, System.err));
  }

  static int run(List<String> args, Map<String, String> env, PrintStream out, PrintStream err) {
    boolean put = args.size() == 3 && args.get(0).equals("put");
    boolean get = args.size() == 2 && args.get(0).equals("get");
    if (!put && !get) {
      err.println(args.isEmpty() ? USAGE : "Please only use 'get' or 'put', given: " + args + "\n" + USAGE);
      return 1;
    }
    long value;
    try {
      value = put ? Long.parseLong(args.get(2)) : 0;
    } catch (NumberFormatException e) {
      err.println("Error: N must be a whole number, given: " + args.get(2) + "\n" + USAGE);
      return 1;
    }
    PluginChoice choice;
    try {
      choice = PluginChoice.from(env, "COUNTER", "Java Counter plugin", CounterPluginMain.class,
          "counter " + String.join(" ", args));
    } catch (IllegalArgumentException e) {
      err.println("Error: " + e.getMessage());
      return 1;
    }
    // tag::counter-host[]
    ClientConfig.Builder config = choice.applyTo(ClientConfig.builder()
        .handshake(Plugins.HANDSHAKE)
        .plugin(Plugins.COUNTER, new CounterGrpcPlugin()));
    AddHelper adder = Math::addExact;
    try (PluginClient client = new PluginClient(config.build())) {
      Counter counter = client.dispense(Plugins.COUNTER, Counter.class);
      if (put) {
        counter.put(args.get(1), value, adder);
      } else {
        out.println(counter.get(args.get(1)));
      }
      return 0;
    } catch (PluginCallException e) {
      boolean answered = e.problem() == PluginCallException.Problem.PLUGIN_ERROR;
      err.println("Error: " + (answered ? "the plugin failed: " + e.answer() + "\n" + choice.pluginLine()
          : e.getMessage() + "\n" + choice.explain(e)));
      return 1;
    } catch (PluginException e) {
      err.println("Error: " + e.getMessage() + "\n" + choice.explain(e));
      return 1;
    }
    // end::counter-host[]
  }
}
