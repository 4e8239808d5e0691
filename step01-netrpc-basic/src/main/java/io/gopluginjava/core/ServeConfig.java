package io.gopluginjava.core;

import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What a plugin's {@code main} hands to {@link PluginServer#serve}, like go-plugin's {@code ServeConfig}: the
 * handshake, the plugins to serve per app protocol version ({@code VersionedPlugins}), and the wires it may serve
 * them on. Build one with {@link #builder()}.
 */
public final class ServeConfig {

  private final HandshakeConfig handshake;
  private final SortedMap<Integer, Map<String, Plugin>> versionedPlugins;
  private final Set<Protocol> protocols;

  private ServeConfig(HandshakeConfig handshake, SortedMap<Integer, Map<String, Plugin>> versionedPlugins,
      Set<Protocol> protocols) {
    this.handshake = handshake;
    this.versionedPlugins = versionedPlugins;
    this.protocols = protocols;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The plugins {@code plugins} at the handshake's app protocol version, on either wire. */
  public static ServeConfig of(HandshakeConfig handshake, Map<String, ? extends Plugin> plugins) {
    return builder().handshake(handshake).plugins(plugins).build();
  }

  public HandshakeConfig handshake() {
    return handshake;
  }

  /** The plugins to serve, by app protocol version: go-plugin's {@code VersionedPlugins}. */
  public SortedMap<Integer, Map<String, Plugin>> versionedPlugins() {
    return versionedPlugins;
  }

  /** The app protocol versions this plugin speaks. */
  public List<Integer> versions() {
    return List.copyOf(versionedPlugins.keySet());
  }

  /** The wires this plugin may serve on (both unless set): gRPC when a version's plugins are all gRPC plugins. */
  public Set<Protocol> protocols() {
    return protocols;
  }

  /** Builds a {@link ServeConfig}; the handshake and at least one plugin are required. */
  public static final class Builder {
    private HandshakeConfig handshake;
    private final Map<String, Plugin> plugins = new LinkedHashMap<>();
    private final SortedMap<Integer, Map<String, Plugin>> versionedPlugins = new TreeMap<>();
    private Set<Protocol> protocols = Collections.unmodifiableSet(EnumSet.allOf(Protocol.class));

    private Builder() {
    }

    public Builder handshake(HandshakeConfig handshake) {
      this.handshake = handshake;
      return this;
    }

    /** A plugin of the handshake's app protocol version, as go-plugin's {@code Plugins}. */
    public Builder plugin(String name, Plugin plugin) {
      plugins.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(plugin, "plugin"));
      return this;
    }

    /** Plugins of the handshake's app protocol version: {@link #plugin} for each. */
    public Builder plugins(Map<String, ? extends Plugin> plugins) {
      plugins.forEach(this::plugin);
      return this;
    }

    /** The plugins of app protocol {@code version}, as go-plugin's {@code VersionedPlugins}. */
    public Builder versionedPlugins(int version, Map<String, ? extends Plugin> plugins) {
      versionedPlugins.put(version, Map.copyOf(plugins));
      return this;
    }

    /**
     * The wires this plugin may serve on; both unless set. go-plugin serves gRPC when it has a gRPC server and the
     * negotiated plugins are gRPC plugins, netrpc otherwise: {@code protocols(Protocol.NETRPC)} keeps a declaration
     * that implements both on netrpc.
     */
    public Builder protocols(Protocol... protocols) {
      if (protocols.length == 0) {
        throw new IllegalArgumentException("protocols needs at least one protocol, e.g. Protocol.GRPC");
      }
      this.protocols = Collections.unmodifiableSet(EnumSet.copyOf(List.of(protocols)));
      return this;
    }

    /**
     * Checks the settings together.
     *
     * @throws IllegalArgumentException naming the setting that does not fit and what to do
     */
    public ServeConfig build() {
      if (handshake == null) {
        throw new IllegalArgumentException("a plugin needs a handshake: the magic cookie and app protocol version its"
            + " hosts expect (handshake(new HandshakeConfig(...)))");
      }
      SortedMap<Integer, Map<String, Plugin>> sets = PluginSets.of(handshake, plugins, versionedPlugins, true);
      return new ServeConfig(handshake, Collections.unmodifiableSortedMap(sets), protocols);
    }
  }
}
