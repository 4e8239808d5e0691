package io.gopluginjava.step04.drills;

import io.gopluginjava.core.ClientConfig;
import io.gopluginjava.core.PluginClient;
import io.gopluginjava.step02.shared.KvGrpcPlugin;
import io.gopluginjava.step02.shared.Plugins;
import io.gopluginjava.step04.Language;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A host that starts a KV plugin in each of the drills' languages, each once with {@code exec} and once behind a shell that does
 * not exec it, prints every plugin-side pid, and then waits to be killed without ending any of them.
 */
public final class DyingHostMain {

  public static void main(String[] args) throws InterruptedException {
    Path workDir = Path.of(args[0]);
    for (Language language : Drills.LANGUAGES) {
      String exec = language.kvPlugin(workDir);
      start(language + " plugin, exec'd by sh", exec);
      start(language + " plugin, under sh", exec.replace(" && exec ", " && "));
    }
    System.out.println("ready");
    System.out.flush();
    Thread.currentThread().join(); // until SIGKILL: no plugin is ever killed by this host
  }

  private static void start(String label, String commandLine) {
    PluginClient client = new PluginClient(ClientConfig.builder()
        .name(label)
        .handshake(Plugins.HANDSHAKE)
        .plugin(Plugins.KV, new KvGrpcPlugin())
        .shellCommand(commandLine)
        .autoMtls(false)
        .startTimeout(Duration.ofSeconds(30))
        .build());
    client.start();
    ProcessHandle process = client.processHandle();
    System.out.println("pid " + process.pid() + " " + label);
    process.descendants().forEach(child -> System.out.println("pid " + child.pid() + " " + label + " (child)"));
  }
}
