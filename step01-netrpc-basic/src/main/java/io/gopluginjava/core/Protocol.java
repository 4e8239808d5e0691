package io.gopluginjava.core;

import java.util.Arrays;
import java.util.Locale;

/**
 * The wire a plugin speaks, as go-plugin's {@code Protocol}: named in the fifth field of the handshake line. Each has
 * its client side in the module that implements it, found by class name so that this core needs neither.
 */
public enum Protocol {
  /** go-plugin's net/rpc wire over yamux (step01, {@code io.gopluginjava.netrpc}). */
  NETRPC("netrpc", "io.gopluginjava.netrpc.NetRpcClientProtocolFactory"),
  /** gRPC over HTTP/2 (step02, {@code io.gopluginjava.grpc}). */
  GRPC("grpc", "io.gopluginjava.grpc.GrpcClientProtocolFactory");

  private final String wireName;
  private final String clientFactory;

  Protocol(String wireName, String clientFactory) {
    this.wireName = wireName;
    this.clientFactory = clientFactory;
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
    try {
      return (ClientProtocolFactory) Class.forName(clientFactory).getDeclaredConstructor().newInstance();
    } catch (ClassNotFoundException e) {
      throw new PluginException("the plugin speaks " + wireName + ", and this host has no " + wireName
          + " client on its class path (" + clientFactory + "): depend on go-plugin-java, which has both wires", e);
    } catch (ReflectiveOperationException e) {
      throw new PluginException("could not make the " + wireName + " client " + clientFactory + ": " + e, e);
    }
  }

  @Override
  public String toString() {
    return wireName;
  }
}
