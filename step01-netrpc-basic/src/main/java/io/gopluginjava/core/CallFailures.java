package io.gopluginjava.core;

import io.gopluginjava.jsonrpc.RpcException;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.time.Duration;

/**
 * Wraps a dispensed client so that a call failing because of the plugin process says so with a
 * {@link PluginCallException}: the plugin exited (its exit status and last stderr lines), or did not answer within
 * the host's call timeout. An error the plugin answered with passes through unchanged, as an {@link RpcException}.
 */
final class CallFailures implements InvocationHandler {

  /** How long a broken connection may come before the process's exit is seen by the host. */
  private static final Duration EXIT_SEEN_WITHIN = Duration.ofSeconds(1);

  private final Object client;
  private final String plugin;
  private final PluginRunner process;
  private final Duration callTimeout;

  private CallFailures(Object client, String plugin, PluginRunner process, Duration callTimeout) {
    this.client = client;
    this.plugin = plugin;
    this.process = process;
    this.callTimeout = callTimeout;
  }

  /** {@code client} as {@code type} with its failures explained; {@code type} must be an interface. */
  static <T> T explain(Class<T> type, T client, String plugin, PluginRunner process, Duration callTimeout) {
    return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type},
        new CallFailures(client, plugin, process, callTimeout)));
  }

  @Override
  public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
    if (method.getDeclaringClass() == Object.class) {
      return method.invoke(client, args);
    }
    long started = System.nanoTime();
    try {
      return method.invoke(client, args);
    } catch (InvocationTargetException e) {
      Duration took = Duration.ofNanos(System.nanoTime() - started);
      throw explained(e.getCause(), method.getDeclaringClass().getSimpleName() + "." + method.getName(), took);
    }
  }

  private Throwable explained(Throwable failure, String call, Duration took) {
    if (!(failure instanceof RpcException rpc)) {
      return failure;
    }
    long pid = process.handle().pid();
    // A killed plugin breaks the connection a moment before the host sees its exit: wait for that moment, briefly.
    if (rpc.connectionLost() ? process.awaitExit(EXIT_SEEN_WITHIN) : process.exitStatus().isPresent()) {
      return PluginCallException.exited(plugin, pid, call, process.exitStatus().orElseThrow(),
          process.lastStderrLines(), rpc);
    }
    // The call's own code does not say why it gave up; a call that lasted the whole timeout got no answer.
    if (!rpc.connectionLost() && callTimeout != null && took.compareTo(callTimeout) >= 0) {
      return PluginCallException.noAnswer(plugin, pid, call, callTimeout, rpc);
    }
    return failure;
  }
}
