package io.gopluginjava.testing;

import io.gopluginjava.core.ClientConfig;
import io.gopluginjava.core.JavaCommand;
import io.gopluginjava.core.PluginClient;
import io.gopluginjava.step01.plugin.GreeterNetRpcPluginMain;
import io.gopluginjava.step01.shared.GreeterNetRpcPlugin;
import io.gopluginjava.step01.shared.Handshakes;
import java.util.Map;

/** A host that starts the Greeter plugin, prints its pid, and waits to be killed without cleaning up. */
public final class HostThatDiesMain {

  public static void main(String[] args) throws InterruptedException {
    PluginClient client = new PluginClient(ClientConfig.builder()
        .name(Handshakes.GREETER_PLUGIN)
        .handshake(Handshakes.GREETER)
        .command(JavaCommand.forMain(GreeterNetRpcPluginMain.class))
        .plugins(Map.of(Handshakes.GREETER_PLUGIN, new GreeterNetRpcPlugin())).autoMtls(false).build());
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
