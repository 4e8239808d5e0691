package io.gopluginjava.bench;

import io.gopluginjava.core.PluginServer;
import io.gopluginjava.core.ServeConfig;
import io.gopluginjava.step01.shared.GreeterNetRpcPlugin;
import io.gopluginjava.step01.shared.Handshakes;
import java.util.Map;

/** step01's Greeter on the netrpc wire without its log line, as the Go {@code cmd/netrpc-greeter}: the bench's plugin. */
public final class QuietGreeterNetRpcPluginMain {

  public static void main(String[] args) {
    System.exit(PluginServer.serve(ServeConfig.of(
        Handshakes.GREETER,
        Map.of(Handshakes.GREETER_PLUGIN, new GreeterNetRpcPlugin(() -> "Hello!")))));
  }
}
