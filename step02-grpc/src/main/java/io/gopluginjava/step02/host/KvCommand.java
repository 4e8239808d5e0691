package io.gopluginjava.step02.host;

import io.gopluginjava.core.ClientConfig;
import io.gopluginjava.core.PluginCallException;
import io.gopluginjava.core.PluginClient;
import io.gopluginjava.core.PluginException;
import io.gopluginjava.step02.plugin.KvPluginMain;
import io.gopluginjava.step02.shared.KV;
import io.gopluginjava.step02.shared.KvGrpcPlugin;
import io.gopluginjava.step02.shared.Plugins;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * {@code kv put KEY VALUE} and {@code kv get KEY}, like go-plugin's {@code examples/grpc/main.go}: the plugin command
 * comes from {@code $KV_PLUGIN} and runs through {@code sh -c} (this jar's Java KV plugin when unset), with AutoMTLS
 * unless {@code KV_AUTO_MTLS=false}, and a start timeout from {@code KV_START_TIMEOUT} (see {@link PluginChoice}).
 */
public final class KvCommand {

  static final String USAGE = "usage: kv put KEY VALUE | kv get KEY   (plugin command from $KV_PLUGIN)";

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
    PluginChoice choice;
    try {
      choice = PluginChoice.from(env, "KV", "Java KV plugin", KvPluginMain.class, "kv " + String.join(" ", args));
    } catch (IllegalArgumentException e) {
      err.println("Error: " + e.getMessage());
      return 1;
    }
    // tag::kv-host[]
    ClientConfig.Builder config = choice.applyTo(ClientConfig.builder()
        .handshake(Plugins.HANDSHAKE)
        .plugin(Plugins.KV, new KvGrpcPlugin()));
    try (PluginClient client = new PluginClient(config.build())) {
      KV kv = client.dispense(Plugins.KV, KV.class);
      if (put) {
        kv.put(args.get(1), args.get(2).getBytes(StandardCharsets.UTF_8));
      } else {
        out.println(new String(kv.get(args.get(1)), StandardCharsets.UTF_8));
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
    // end::kv-host[]
  }
}
