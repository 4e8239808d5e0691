package io.gopluginjava.netrpc;

import io.gopluginjava.core.PluginCallException;
import io.gopluginjava.core.PluginRunner;
import java.io.IOException;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.time.Duration;

/**
 * Wraps a dispensed client so that a call failing because the plugin process ended says so with a
 * {@link PluginCallException}: its exit status and last stderr lines. So is a stream that broke under a call while the
 * plugin runs ({@code CONNECTION_LOST}) and an error the plugin answered with ({@code PLUGIN_ERROR}), each with the
 * {@link NetRpcException} as its cause.
 */
final class CallFailures implements InvocationHandler {

  /** How long a broken stream may come before the process's exit is seen by the host. */
  private static final Duration EXIT_SEEN_WITHIN = Duration.ofSeconds(1);

  private final Object client;
  private final String plugin;
  private final PluginRunner process;

  private CallFailures(Object client, String plugin, PluginRunner process) {
    this.client = client;
    this.plugin = plugin;
    this.process = process;
  }

  /** {@code client} as {@code type} with its failures explained; {@code type} must be an interface. */
  static <T> T explain(Class<T> type, T client, String plugin, PluginRunner process) {
    return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type},
        new CallFailures(client, plugin, process)));
  }

  @Override
  public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
    if (method.getDeclaringClass() == Object.class) {
      return method.invoke(client, args);
    }
    try {
      return method.invoke(client, args);
    } catch (InvocationTargetException e) {
      throw explained(e.getCause(), method.getDeclaringClass().getSimpleName() + "." + method.getName());
    }
  }

  private Throwable explained(Throwable failure, String call) {
    if (!(failure instanceof NetRpcException rpc)) {
      return failure;
    }
    RuntimeException explained = explained(rpc, call, plugin, process);
    if (explained != rpc) {
      return explained;
    }
    long pid = process.handle().pid();
    return rpc.getCause() instanceof IOException broken
        ? PluginCallException.connectionLost(plugin, pid, call, broken.getMessage(), rpc)
        : PluginCallException.answered(plugin, pid, call, rpc.getMessage(), rpc);
  }

  /** {@code failure} of {@code call}, or, when the plugin's process ended under it, a {@link PluginCallException}. */
  static RuntimeException explained(NetRpcException failure, String call, String plugin, PluginRunner process) {
    // A stream that broke under the call: a killed plugin breaks the session a moment before the host sees its exit.
    boolean streamLost = failure.getCause() instanceof IOException;
    if (streamLost ? process.awaitExit(EXIT_SEEN_WITHIN) : process.exitStatus().isPresent()) {
      long pid = process.handle().pid();
      return process.exitStatus().isPresent()
          ? PluginCallException.exited(plugin, pid, call, process.exitStatus().getAsInt(), process.lastStderrLines(),
              failure)
          : PluginCallException.exitedUnknownStatus(plugin, pid, call, failure);
    }
    return failure;
  }
}
