package io.gopluginjava.testing;

import io.gopluginjava.core.ClientConfig;
import io.gopluginjava.core.JavaCommand;
import io.gopluginjava.core.PluginClient;
import io.gopluginjava.step01.plugin.GreeterPluginMain;
import io.gopluginjava.step01.shared.GreeterPlugin;
import io.gopluginjava.step01.shared.Handshakes;

/** A host that starts the Greeter plugin, prints its pid, and waits to be killed without cleaning up. */
public final class HostThatDiesMain {

  public static void main(String[] args) throws InterruptedException {
    PluginClient client = new PluginClient(ClientConfig.builder()
        .handshake(Handshakes.GREETER)
        .plugin(Handshakes.GREETER_PLUGIN, new GreeterPlugin())
        .command(JavaCommand.forMain(GreeterPluginMain.class))
        .build());
    try {
      client.start();
    } catch (RuntimeException e) {
      System.out.println("the host could not start its plugin: " + e.toString().replace('\n', ' '));
      return;
    }
    System.out.println("plugin pid " + client.processHandle().pid());
    System.out.flush();
    Thread.currentThread().join(); // until SIGKILL: the plugin is never killed by this host
  }
}
