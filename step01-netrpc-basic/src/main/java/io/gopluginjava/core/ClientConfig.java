package io.gopluginjava.core;

import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Everything a host needs to use one plugin, over either wire, like go-plugin's {@code ClientConfig}: the handshake,
 * the plugins it may dispense (per app protocol version, as {@code VersionedPlugins}), the protocols it allows, how to
 * run the plugin or where to reattach to it, and the options of the connection. Build one with {@link #builder()};
 * {@link Builder#build()} checks the settings together and names the one that does not fit. {@link PluginClient}
 * takes it.
 */
public final class ClientConfig {

  /** go-plugin's {@code Kill()} waits two seconds for a plugin to exit before it kills it. */
  public static final Duration EXIT_GRACE = Duration.ofSeconds(2);
  /** go-plugin's {@code PLUGIN_MULTIPLEX_GRPC}: the host asks the plugin to multiplex its gRPC broker. */
  public static final String MULTIPLEX_ENV = "PLUGIN_MULTIPLEX_GRPC";

  private final Builder b;
  private final String name;
  private final SortedMap<Integer, Map<String, Plugin>> versionedPlugins;
  private final List<String> command;
  private final boolean autoMtls;
  private final Map<String, String> env;
  private final Map<Class<? extends WireOptions>, WireOptions> wireOptions;

  private ClientConfig(Builder b, SortedMap<Integer, Map<String, Plugin>> versionedPlugins) {
    this.b = b;
    this.versionedPlugins = versionedPlugins;
    this.name = b.name != null ? b.name
        : String.join(",", versionedPlugins.get(versionedPlugins.lastKey()).keySet());
    this.command = b.command == null ? List.of() : List.copyOf(b.command);
    this.autoMtls = b.reattach == null && !Boolean.FALSE.equals(b.autoMtls);
    this.env = Map.copyOf(b.env);
    this.wireOptions = Map.copyOf(b.wireOptions);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** How logs and errors name this plugin: the plugins' names unless set. */
  public String name() {
    return name;
  }

  public HandshakeConfig handshake() {
    return b.handshake;
  }

  /** The plugins to dispense, by app protocol version: go-plugin's {@code VersionedPlugins}. */
  public SortedMap<Integer, Map<String, Plugin>> versionedPlugins() {
    return versionedPlugins;
  }

  /** The plugins of the app protocol {@code version} the plugin negotiated (empty when there are none). */
  public Map<String, Plugin> plugins(int version) {
    return versionedPlugins.getOrDefault(version, Map.of());
  }

  /** The app protocol versions this host accepts, sent as {@code PLUGIN_PROTOCOL_VERSIONS}. */
  public Set<Integer> versions() {
    return versionedPlugins.keySet();
  }

  /** The wires the host accepts from a plugin: both unless set. */
  public Set<Protocol> allowedProtocols() {
    return b.allowedProtocols;
  }

  public List<String> command() {
    return command;
  }

  public Network network() {
    return b.network;
  }

  /** True unless turned off or reattaching: a certificate per client, passed in {@code PLUGIN_CLIENT_CERT}. */
  public boolean autoMtls() {
    return autoMtls;
  }

  public Duration startTimeout() {
    return b.startTimeout;
  }

  /** How long {@code kill()} lets the plugin exit by itself before it is destroyed. */
  public Duration exitGrace() {
    return b.exitGrace;
  }

  /** Extra environment for the plugin, on top of the host's own (unless {@link #skipHostEnv()}) and the handshake's. */
  public Map<String, String> env() {
    return env;
  }

  public PluginOutput output() {
    return b.output;
  }

  /** Where what a gRPC plugin writes to its stdout after the handshake arrives (through GRPCStdio). */
  public OutputStream syncStdout() {
    return b.syncStdout;
  }

  /** Where what a gRPC plugin writes to its stderr through GRPCStdio arrives. */
  public OutputStream syncStderr() {
    return b.syncStderr;
  }

  /** The deadline of every call through a dispensed interface, or empty for none (the default, as in go-plugin). */
  public Optional<Duration> callTimeout() {
    return Optional.ofNullable(b.callTimeout);
  }

  /** The checksum the plugin file must have before it is started, or null for no check. */
  public SecureConfig secureConfig() {
    return b.secureConfig;
  }

  /** The running plugin to use instead of starting one, or null. */
  public ReattachConfig reattach() {
    return b.reattach;
  }

  /** How the plugin is run: as a process of its own unless a test harness serves it in this JVM. */
  public PluginLauncher launcher() {
    return b.launcher;
  }

  public boolean pingOnStart() {
    return b.pingOnStart;
  }

  public boolean skipHostEnv() {
    return b.skipHostEnv;
  }

  public boolean multiplex() {
    return b.multiplex;
  }

  /** The options a wire registered with {@link Builder#wireOptions}, e.g. gRPC's dial options. */
  public <T extends WireOptions> Optional<T> wireOptions(Class<T> type) {
    return Optional.ofNullable(type.cast(wireOptions.get(type)));
  }

  /** Options only one wire understands, e.g. {@code io.gopluginjava.grpc.GrpcDialOptions}: core names none of them. */
  public interface WireOptions {
  }

  /** Builds a {@link ClientConfig}; the handshake, a plugin, and a command or a reattach config are required. */
  public static final class Builder {
    private String name;
    private HandshakeConfig handshake;
    private final Map<String, Plugin> plugins = new LinkedHashMap<>();
    private final SortedMap<Integer, Map<String, Plugin>> versionedPlugins = new TreeMap<>();
    private Set<Protocol> allowedProtocols = Collections.unmodifiableSet(EnumSet.allOf(Protocol.class));
    private List<String> command;
    private Network network = Network.UNIX;
    private Boolean autoMtls; // on unless set, or unless reattaching
    private Duration startTimeout = Duration.ofMinutes(1);
    private Duration exitGrace = EXIT_GRACE;
    private final Map<String, String> env = new LinkedHashMap<>();
    private PluginOutput output = defaultOutput();
    private OutputStream syncStdout = OutputStream.nullOutputStream();
    private OutputStream syncStderr = OutputStream.nullOutputStream();
    private Duration callTimeout;
    private SecureConfig secureConfig;
    private ReattachConfig reattach;
    private PluginLauncher launcher = PluginLauncher.PROCESS;
    private boolean pingOnStart;
    private boolean skipHostEnv;
    private boolean multiplex;
    private final Map<Class<? extends WireOptions>, WireOptions> wireOptions = new LinkedHashMap<>();

    private Builder() {
    }

    public Builder name(String name) {
      this.name = name;
      return this;
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

    /** Plugins of the handshake's app protocol version, as go-plugin's {@code Plugins}: {@link #plugin} for each. */
    public Builder plugins(Map<String, ? extends Plugin> plugins) {
      plugins.forEach(this::plugin);
      return this;
    }

    /**
     * The plugins of app protocol {@code version}, as go-plugin's {@code VersionedPlugins}: the host offers every
     * version it has a set for, and dispenses from the set of the version the plugin chose.
     */
    public Builder versionedPlugins(int version, Map<String, ? extends Plugin> plugins) {
      versionedPlugins.put(version, Map.copyOf(plugins));
      return this;
    }

    /** The wires the host accepts (both unless set; go-plugin's default is netrpc alone). */
    public Builder allowedProtocols(Protocol... protocols) {
      if (protocols.length == 0) {
        throw new IllegalArgumentException("allowedProtocols needs at least one protocol, e.g. Protocol.GRPC");
      }
      this.allowedProtocols = Collections.unmodifiableSet(EnumSet.copyOf(List.of(protocols)));
      return this;
    }

    public Builder command(List<String> command) {
      this.command = command;
      return this;
    }

    public Builder command(String... command) {
      return command(List.of(command));
    }

    /** Runs {@code commandLine} through {@code sh -c}, the way go-plugin's examples take {@code $KV_PLUGIN}. */
    public Builder shellCommand(String commandLine) {
      return command("sh", "-c", commandLine);
    }

    public Builder network(Network network) {
      this.network = Objects.requireNonNull(network, "network");
      return this;
    }

    /** On by default (off when reattaching): a certificate per client, passed in {@code PLUGIN_CLIENT_CERT}, and TLS both ways. */
    public Builder autoMtls(boolean autoMtls) {
      this.autoMtls = autoMtls;
      return this;
    }

    public Builder startTimeout(Duration startTimeout) {
      this.startTimeout = requirePositive(startTimeout, "startTimeout");
      return this;
    }

    /**
     * How long {@code kill()} waits for the plugin to exit after asking it to quit; go-plugin's two seconds unless
     * set (go-plugin has no such option: tests of a plugin that never exits shorten it).
     */
    public Builder exitGrace(Duration exitGrace) {
      this.exitGrace = requirePositive(exitGrace, "exitGrace");
      return this;
    }

    public Builder env(String key, String value) {
      this.env.put(key, value);
      return this;
    }

    /**
     * Where the plugin's stderr lines go; by default parsed as hclog into SLF4J, as go-plugin's host logs them (plain
     * lines into SLF4J when only the core is on the class path).
     */
    public Builder output(PluginOutput output) {
      this.output = Objects.requireNonNull(output, "output");
      return this;
    }

    /** Where what a gRPC plugin writes to its stdout after the handshake arrives (through GRPCStdio); discarded by default. */
    public Builder syncStdout(OutputStream syncStdout) {
      this.syncStdout = Objects.requireNonNull(syncStdout, "syncStdout");
      return this;
    }

    /** Where what a gRPC plugin writes to its stderr through GRPCStdio arrives; discarded by default. */
    public Builder syncStderr(OutputStream syncStderr) {
      this.syncStderr = Objects.requireNonNull(syncStderr, "syncStderr");
      return this;
    }

    /**
     * A deadline for every unary gRPC call that has none of its own, so that a hung plugin fails the call instead
     * of blocking the host; none by default, as in go-plugin.
     */
    public Builder callTimeout(Duration callTimeout) {
      this.callTimeout = requirePositive(callTimeout, "callTimeout");
      return this;
    }

    /** Refuses to start a plugin whose file does not have this SHA-256, as go-plugin's {@code SecureConfig}. */
    public Builder secureConfig(SecureConfig secureConfig) {
      this.secureConfig = secureConfig;
      return this;
    }

    /**
     * Uses the plugin already running at {@code reattach} instead of starting one, as go-plugin's
     * {@code ClientConfig.Reattach}: no command, no SecureConfig, and no AutoMTLS (the certificates died with the
     * host that started it).
     */
    public Builder reattach(ReattachConfig reattach) {
      this.reattach = reattach;
      return this;
    }

    /**
     * The group (name or numeric gid) the plugin gives its Unix socket, with mode 0660, so that processes of that
     * group can connect too; sent as {@value UnixSocketDir#GROUP_ENV}. This host's user must belong to it.
     */
    public Builder unixSocketGroup(String group) {
      return env(UnixSocketDir.GROUP_ENV, group);
    }

    /** Where the plugin creates its socket's directory; sent as {@value UnixSocketDir#DIR_ENV}. */
    public Builder unixSocketDir(Path dir) {
      return env(UnixSocketDir.DIR_ENV, dir.toString());
    }

    /**
     * Runs the plugin with {@code launcher} instead of as a process, e.g. the test harness
     * {@code io.gopluginjava.testing.InJvmPlugin}; the command may then be left out.
     */
    public Builder launcher(PluginLauncher launcher) {
      this.launcher = Objects.requireNonNull(launcher, "launcher");
      return this;
    }

    /**
     * Checks the plugin's health right after connecting, so that a plugin that listens but cannot serve fails at
     * {@code start()} instead of at the first call. Off by default, as in go-plugin, whose host checks health only
     * when the application pings: a plugin that registers health for its own services only would otherwise be
     * refused. {@link PluginClient#ping()} checks it whenever you ask.
     */
    public Builder pingOnStart(boolean pingOnStart) {
      this.pingOnStart = pingOnStart;
      return this;
    }

    /**
     * Starts the plugin with only the handshake's variables and those given with {@link #env}, not this host's
     * environment, as go-plugin's {@code ClientConfig.SkipHostEnv}: for plugins that must not see the host's
     * credentials, or a reproducible environment. The command is still found on this host's {@code PATH}. A Java
     * plugin without a locale writes its stderr in ASCII on JDK 17 ('?' for other characters): pass it one, e.g.
     * {@code env("LC_ALL", "C.UTF-8")}. Only a plugin process has an environment to skip: a launcher decides its own.
     */
    public Builder skipHostEnv(boolean skipHostEnv) {
      this.skipHostEnv = skipHostEnv;
      return this;
    }

    /**
     * go-plugin's {@code GRPCBrokerMultiplex}: asks a gRPC plugin ({@value #MULTIPLEX_ENV}{@code =true}) to carry
     * every connection, brokered ones included, as a yamux stream of the one connection this host makes, instead of
     * a socket per brokered service. A plugin whose handshake line does not end in {@code |true} is refused. Off by
     * default, as in go-plugin; not with reattach.
     */
    public Builder multiplex(boolean multiplex) {
      this.multiplex = multiplex;
      return this;
    }

    /** Options of one wire, e.g. gRPC's channel options and interceptors; one of each type, the last one wins. */
    public Builder wireOptions(WireOptions options) {
      wireOptions.put(options.getClass().asSubclass(WireOptions.class), options);
      return this;
    }

    /**
     * Checks the settings together.
     *
     * @throws IllegalArgumentException naming the setting that does not fit and what to do
     */
    public ClientConfig build() {
      if (handshake == null) {
        throw new IllegalArgumentException("a client needs a handshake: the magic cookie and app protocol version"
            + " its plugin was built with (handshake(new HandshakeConfig(...)))");
      }
      SortedMap<Integer, Map<String, Plugin>> sets = PluginSets.of(handshake, plugins, versionedPlugins, false);
      if (sets.isEmpty() || sets.values().stream().allMatch(Map::isEmpty)) {
        throw new IllegalArgumentException("a client needs at least one plugin to dispense: plugin(name, plugin) or"
            + " versionedPlugins(version, plugins)");
      }
      boolean hasCommand = command != null && !command.isEmpty();
      if (reattach != null) {
        refuseWithReattach("a command", command != null);
        refuseWithReattach("a SecureConfig (go-plugin: ErrSecureConfigAndReattach)", secureConfig != null);
        refuseWithReattach("AutoMTLS, autoMtls(true) (the certificates died with the host that started it)",
            Boolean.TRUE.equals(autoMtls));
        refuseWithReattach("a launcher", launcher != PluginLauncher.PROCESS);
        refuseWithReattach("skipHostEnv (the plugin already runs)", skipHostEnv);
        refuseWithReattach("multiplex (go-plugin refuses gRPC broker multiplexing with reattach too)", multiplex);
        Protocol protocol = reattach.protocol();
        if (!allowedProtocols.contains(protocol)) {
          throw new IllegalArgumentException("reattach: the plugin speaks " + protocol + ", and allowedProtocols is "
              + allowedProtocols + ": allow " + protocol + " or reattach to another plugin");
        }
      } else if (!hasCommand && launcher == PluginLauncher.PROCESS) {
        throw new IllegalArgumentException("a client needs a command to run (command(...) or shellCommand(...)), or"
            + " a reattach config");
      } else if (skipHostEnv && launcher != PluginLauncher.PROCESS) {
        throw new IllegalArgumentException("skipHostEnv applies to a plugin process, and this client has a launcher of"
            + " its own, which decides the plugin's environment: leave one of them out");
      } else if (secureConfig != null && !hasCommand) {
        throw new IllegalArgumentException("a SecureConfig checks the file a command runs, and this client has no"
            + " command: give it one, or leave the SecureConfig out");
      }
      if (multiplex && !allowedProtocols.contains(Protocol.GRPC)) {
        throw new IllegalArgumentException("multiplex is gRPC's broker multiplexing, and allowedProtocols is "
            + allowedProtocols + ": allow Protocol.GRPC or leave multiplex off");
      }
      return new ClientConfig(this, Collections.unmodifiableSortedMap(sets));
    }

    private static void refuseWithReattach(String option, boolean present) {
      if (present) {
        throw new IllegalArgumentException("a client that reattaches to a running plugin cannot also have " + option);
      }
    }

    /**
     * go-plugin's host parses the plugin's hclog lines into its log; that parser is the gRPC module's
     * ({@code io.gopluginjava.grpc.HclogOutput}, in go-plugin-java), and without it each line is logged as it is.
     */
    private static PluginOutput defaultOutput() {
      try {
        return (PluginOutput) Class.forName("io.gopluginjava.grpc.HclogOutput").getDeclaredConstructor().newInstance();
      } catch (ReflectiveOperationException | LinkageError onlyTheCore) {
        return PluginOutput.log();
      }
    }

    private static Duration requirePositive(Duration duration, String name) {
      if (duration == null || duration.isNegative() || duration.isZero()) {
        throw new IllegalArgumentException(name + " must be a positive duration, not " + duration);
      }
      return duration;
    }
  }
}
