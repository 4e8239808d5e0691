package io.gopluginjava.grpc;

import io.gopluginjava.core.Handshake;
import io.gopluginjava.core.PluginCallException;
import io.gopluginjava.core.PluginRunner;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Wraps a dispensed client so that a call failing because of the plugin process says so with a
 * {@link PluginCallException}: the plugin exited (its exit status and last stderr lines), did not answer within the
 * host's call timeout, or cannot be reached; and a failure of the call itself (the plugin answered with an error) as
 * {@code PLUGIN_ERROR}, with the {@code StatusRuntimeException} as its cause.
 */
final class PluginCallFailures implements InvocationHandler {

  /** How long a broken connection may come before the process's exit is seen by the host. */
  private static final Duration EXIT_SEEN_WITHIN = Duration.ofSeconds(1);
  /** grpc-java's UNKNOWN for a call whose connection closed under it (Netty's channel went inactive). */
  private static final String CHANNEL_CLOSED = "channel closed";

  private final Object client;
  private final String plugin;
  private final PluginRunner process;
  private final Duration callTimeout;
  private final Handshake address;

  private PluginCallFailures(Object client, String plugin, PluginRunner process, Duration callTimeout,
      Handshake address) {
    this.client = client;
    this.plugin = plugin;
    this.process = process;
    this.callTimeout = callTimeout;
    this.address = address;
  }

  /** {@code client} as {@code type} with its failures explained; {@code type} must be an interface. */
  static <T> T explain(Class<T> type, T client, String plugin, PluginRunner process, Duration callTimeout) {
    return explain(type, client, plugin, process, callTimeout, null);
  }

  /** {@link #explain}, knowing the address the plugin announced, to say when it stopped taking connections. */
  static <T> T explain(Class<T> type, T client, String plugin, PluginRunner process, Duration callTimeout,
      Handshake address) {
    return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type},
        new PluginCallFailures(client, plugin, process, callTimeout, address)));
  }

  /** The connection broke under the call (the plugin went away), as grpc-java reports it: not an answer. */
  static boolean connectionLost(Status status) {
    Status.Code code = status.getCode();
    return code == Status.Code.UNAVAILABLE || code == Status.Code.CANCELLED
        || code == Status.Code.UNKNOWN && CHANNEL_CLOSED.equals(status.getDescription());
  }

  @Override
  public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
    try {
      return method.invoke(client, args);
    } catch (InvocationTargetException e) {
      throw explained(e.getCause(), method.getDeclaringClass().getSimpleName() + "." + method.getName());
    }
  }

  // tag::explained[]
  private Throwable explained(Throwable failure, String call) {
    if (!(failure instanceof StatusRuntimeException rpc)) {
      return failure;
    }
    Status.Code code = rpc.getStatus().getCode();
    long pid = process.handle().pid();
    // A killed plugin breaks the connection a moment before the host sees its exit: wait for that moment, briefly.
    boolean connectionLost = connectionLost(rpc.getStatus());
    if (connectionLost ? process.awaitExit(EXIT_SEEN_WITHIN) : process.exitStatus().isPresent()) {
      return process.exitStatus().isPresent()
          ? PluginCallException.exited(plugin, pid, call, process.exitStatus().getAsInt(), process.lastStderrLines(),
              rpc)
          : PluginCallException.exitedUnknownStatus(plugin, pid, call, rpc); // reattached: not our child
    }
    if (code == Status.Code.DEADLINE_EXCEEDED && callTimeout != null) {
      return PluginCallException.noAnswer(plugin, pid, call, callTimeout, rpc);
    }
    if (connectionLost && address != null && address.network().equals("unix")) {
      return unreachable(call, pid, rpc);
    }
    if (connectionLost) {
      return PluginCallException.connectionLost(plugin, pid, call, rpc.getStatus().getCode()
          + (rpc.getStatus().getDescription() == null ? "" : " " + rpc.getStatus().getDescription()), rpc);
    }
    return PluginCallException.answered(plugin, pid, call, rpc.getStatus().getCode()
        + (rpc.getStatus().getDescription() == null ? "" : " " + rpc.getStatus().getDescription()), rpc);
  }
  // end::explained[]

  /** A running plugin whose Unix socket refused the call: say whether the socket file is there at all. */
  private Throwable unreachable(String call, long pid, StatusRuntimeException rpc) {
    Path socket = Path.of(address.address());
    String why = !Files.exists(socket, LinkOption.NOFOLLOW_LINKS)
        ? "its socket file is gone (removed while the plugin ran?)"
        : "nothing accepts connections on its socket (" + rpc.getStatus().getCode() + ": "
            + rpc.getStatus().getDescription() + ")";
    return PluginCallException.unreachable(plugin, pid, call, "unix", address.address(), why, rpc);
  }
}
