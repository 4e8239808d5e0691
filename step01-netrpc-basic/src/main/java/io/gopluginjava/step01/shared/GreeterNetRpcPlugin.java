package io.gopluginjava.step01.shared;

import io.gopluginjava.gob.GobType;
import io.gopluginjava.netrpc.MuxBroker;
import io.gopluginjava.netrpc.NetRpcClient;
import io.gopluginjava.netrpc.NetRpcMethod;
import io.gopluginjava.netrpc.NetRpcPlugin;
import java.util.Map;

/**
 * The Greeter over go-plugin's netrpc wire, for both sides, as the blog's {@code GreeterPlugin} with
 * {@code GreeterRPC}/{@code GreeterRPCServer}: the host calls {@code Plugin.Greet} with a nil {@code interface{}}
 * argument ({@code new(interface{})}), the plugin answers a string.
 */
public final class GreeterNetRpcPlugin implements NetRpcPlugin<Greeter> {

  private final Greeter impl;

  /** Host side: nothing to serve. */
  public GreeterNetRpcPlugin() {
    this(null);
  }

  /** Plugin side: serves {@code impl}. */
  public GreeterNetRpcPlugin(Greeter impl) {
    this.impl = impl;
  }

  @Override
  public Map<String, NetRpcMethod> server(MuxBroker broker) {
    if (impl == null) {
      throw new IllegalStateException("this GreeterNetRpcPlugin was made for a host: give it a Greeter to serve");
    }
    // workbook:begin greeter-netrpc-server
    return Map.of("Greet", new NetRpcMethod(GobType.STRING, argument -> impl.greet()));
    // workbook:end
  }

  @Override
  public Greeter client(MuxBroker broker, NetRpcClient rpc) {
    // workbook:begin greeter-netrpc-client
    return () -> (String) rpc.call("Plugin.Greet", GobType.INTERFACE, null);
    // workbook:end
  }
}
