package io.gopluginjava.core;

/**
 * One kind of plugin, as go-plugin's {@code plugin.Plugin} map values: what a host registers under a name and a
 * plugin serves. A marker: each wire's interface says how ({@code io.gopluginjava.netrpc.NetRpcPlugin},
 * {@code io.gopluginjava.grpc.GrpcPlugin}); a declaration may implement both, as a Go plugin may.
 */
public interface Plugin {
}
