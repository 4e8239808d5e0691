package io.gopluginjava.core;

import java.util.Arrays;
import java.util.Locale;

/**
 * The wire a plugin speaks, as go-plugin's {@code Protocol}: named in the fifth field of the handshake line. Each has
 * its client side in the module that implements it, found by class name so that this core needs neither.
 */
public enum Protocol {
  /** go-plugin's net/rpc wire over yamux (step01, {@code io.gopluginjava.netrpc}). */
  NETRPC("netrpc", "io.gopluginjava.netrpc.NetRpcClientProtocolFactory",
      "io.gopluginjava.netrpc.NetRpcServerProtocolFactory"),
  /** gRPC over HTTP/2 (step02, {@code io.gopluginjava.grpc}). */
  GRPC("grpc", "io.gopluginjava.grpc.GrpcClientProtocolFactory", "io.gopluginjava.grpc.GrpcServerProtocolFactory");

  private final String wireName;
  private final String clientFactory;
  private final String serverFactory;

  Protocol(String wireName, String clientFactory, String serverFactory) {
    this.wireName = wireName;
    this.clientFactory = clientFactory;
    this.serverFactory = serverFactory;
  }

  /** The name on the handshake line and in a {@link ReattachConfig}. */
  public String wireName() {
    return wireName;
  }

  /**
   * The protocol named {@code name} on a handshake line or in a reattach config.
   *
   * @throws IllegalArgumentException naming the protocols there are
   */
  public static Protocol parse(String name) {
    for (Protocol protocol : values()) {
      if (protocol.wireName.equals(name)) {
        return protocol;
      }
    }
    throw new IllegalArgumentException("unknown plugin protocol \"" + name + "\": expected one of "
        + Arrays.stream(values()).map(Protocol::wireName).toList() + " (go-plugin's names, lower case: "
        + (name == null ? "none given" : "\"" + name.toLowerCase(Locale.ROOT) + "\"") + ")");
  }

  /**
   * The host side of this wire.
   *
   * @throws PluginException when the module that implements it is not on the class path
   */
  public ClientProtocolFactory clientFactory() {
    return make(ClientProtocolFactory.class, clientFactory, "the plugin speaks " + wireName + ", and this host has no "
        + wireName + " client");
  }

  /**
   * The plugin side of this wire.
   *
   * @throws PluginException when the module that implements it is not on the class path
   */
  public ServerProtocolFactory serverFactory() {
    return make(ServerProtocolFactory.class, serverFactory, "this plugin has no " + wireName + " server");
  }

  private static <T> T make(Class<T> type, String className, String missing) {
    try {
      return type.cast(Class.forName(className).getDeclaredConstructor().newInstance());
    } catch (ClassNotFoundException e) {
      throw new PluginException(missing + " on its class path (" + className + "): depend on go-plugin-java, which"
          + " has both wires", e);
    } catch (ReflectiveOperationException e) {
      throw new PluginException("could not make " + className + ": " + e, e);
    }
  }

  @Override
  public String toString() {
    return wireName;
  }
}
