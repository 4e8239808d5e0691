package io.gopluginjava.testing;

import io.gopluginjava.core.ClientConfig;
import io.gopluginjava.core.PluginClient;
import io.gopluginjava.grpc.GrpcPluginServer;
import io.gopluginjava.grpc.GrpcServeConfig;

/**
 * The test harness for gRPC plugins, like go-plugin's {@code TestPluginGRPCConn}: {@link InJvmPlugin} with
 * {@link GrpcPluginServer}. The host's {@code PluginClient} reaches the plugin over a real Unix socket (or TCP),
 * with AutoMTLS, health service, GRPCController and broker exactly as with a plugin process:
 *
 * <pre>{@code
 * PluginClient client = new PluginClient(ClientConfig.builder()
 *     .handshake(HANDSHAKE).plugin("kv", new KvGrpcPlugin())
 *     .launcher(InJvmGrpcPlugin.serving(new GrpcServeConfig(HANDSHAKE, Map.of("kv", new KvGrpcPlugin(impl)))))
 *     .build());
 * }</pre>
 *
 * <p>GRPCStdio is served but carries nothing: in a shared JVM, {@code System.out} and {@code System.err} stay the
 * JVM's.
 */
public final class InJvmGrpcPlugin {

  private InJvmGrpcPlugin() {}

  public static InJvmPlugin serving(GrpcServeConfig config) {
    return InJvmPlugin.of((env, stdout, stderr) -> GrpcPluginServer.serve(config, env, stdout, stderr));
  }
}
