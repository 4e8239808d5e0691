package io.gopluginjava.core;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Everything a host needs to start one plugin process, like go-plugin's {@code ClientConfig}. Build one with
 * {@link #builder()}; only the handshake and the command are required. The plugins to dispense go to the client that
 * takes this config ({@code io.gopluginjava.netrpc.NetRpcPluginClient}), which knows their protocol.
 */
public final class ClientConfig {

  private final String name;
  private final HandshakeConfig handshake;
  private final List<String> command;
  private final Set<Integer> versions;
  private final String network;
  private final Duration startTimeout;
  private final Duration exitGrace;
  private final Map<String, String> env;
  private final PluginOutput output;
  private final SecureConfig secureConfig;
  private final PluginLauncher launcher;

  private ClientConfig(Builder b) {
    this.handshake = Objects.requireNonNull(b.handshake, "handshake");
    this.launcher = Objects.requireNonNull(b.launcher, "launcher");
    this.command = b.command == null && launcher != PluginLauncher.PROCESS ? List.of()
        : List.copyOf(Objects.requireNonNull(b.command, "command"));
    if (command.isEmpty() && launcher == PluginLauncher.PROCESS) {
      throw new IllegalArgumentException("a client needs a command to run");
    }
    if (b.secureConfig != null && command.isEmpty()) {
      throw new IllegalArgumentException("a SecureConfig checks the file a command runs, and this client has no"
          + " command: give it one, or leave the SecureConfig out");
    }
    this.name = b.name != null ? b.name : "plugin";
    this.versions = b.versions != null ? Set.copyOf(b.versions) : Set.of(handshake.protocolVersion());
    this.network = b.network;
    this.startTimeout = b.startTimeout;
    this.exitGrace = b.exitGrace;
    this.env = Map.copyOf(b.env);
    this.output = b.output;
    this.secureConfig = b.secureConfig;
  }

  /** go-plugin's {@code Kill()} waits two seconds for a plugin to exit before it kills it. */
  public static final Duration EXIT_GRACE = Duration.ofSeconds(2);

  private static Duration requirePositive(Duration duration, String name) {
    if (duration == null || duration.isNegative() || duration.isZero()) {
      throw new IllegalArgumentException(name + " must be a positive duration, not " + duration);
    }
    return duration;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** How logs and errors name this plugin ({@code plugin} unless set). */
  public String name() {
    return name;
  }

  public HandshakeConfig handshake() {
    return handshake;
  }

  public List<String> command() {
    return command;
  }

  /** The app protocol versions this host accepts, sent as {@code PLUGIN_PROTOCOL_VERSIONS}. */
  public Set<Integer> versions() {
    return versions;
  }

  /** {@code unix} (the default) or {@code tcp}. */
  public String network() {
    return network;
  }

  public Duration startTimeout() {
    return startTimeout;
  }

  /** How long the client's {@code kill()} lets the plugin exit by itself before it is destroyed. */
  public Duration exitGrace() {
    return exitGrace;
  }

  /** Extra environment for the plugin, on top of the host's own and the handshake's. */
  public Map<String, String> env() {
    return env;
  }

  public PluginOutput output() {
    return output;
  }

  /** The checksum the plugin file must have before it is started, or null for no check. */
  public SecureConfig secureConfig() {
    return secureConfig;
  }

  /** How the plugin is run: as a process of its own unless a test harness serves it in this JVM. */
  public PluginLauncher launcher() {
    return launcher;
  }

  /** Builds a {@link ClientConfig}. */
  public static final class Builder {
    private String name;
    private HandshakeConfig handshake;
    private List<String> command;
    private Set<Integer> versions;
    private String network = "unix";
    private Duration startTimeout = Duration.ofMinutes(1);
    private Duration exitGrace = EXIT_GRACE;
    private final Map<String, String> env = new LinkedHashMap<>();
    private PluginOutput output = PluginOutput.log();
    private SecureConfig secureConfig;
    private PluginLauncher launcher = PluginLauncher.PROCESS;

    public Builder name(String name) {
      this.name = name;
      return this;
    }

    public Builder handshake(HandshakeConfig handshake) {
      this.handshake = handshake;
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

    public Builder versions(Set<Integer> versions) {
      this.versions = versions;
      return this;
    }

    public Builder network(String network) {
      if (!Handshake.NETWORKS.contains(network)) {
        throw new IllegalArgumentException("network must be one of " + Handshake.NETWORKS + ", got " + network);
      }
      this.network = network;
      return this;
    }

    public Builder startTimeout(Duration startTimeout) {
      this.startTimeout = startTimeout;
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

    public Builder output(PluginOutput output) {
      this.output = output;
      return this;
    }

    /** Refuses to start a plugin whose file does not have this SHA-256, as go-plugin's {@code SecureConfig}. */
    public Builder secureConfig(SecureConfig secureConfig) {
      this.secureConfig = secureConfig;
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
    public Builder unixSocketDir(java.nio.file.Path dir) {
      return env(UnixSocketDir.DIR_ENV, dir.toString());
    }

    /**
     * Runs the plugin with {@code launcher} instead of as a process, e.g. the test harness
     * {@code io.gopluginjava.testing.InJvmPlugin}; the command may then be left out.
     */
    public Builder launcher(PluginLauncher launcher) {
      this.launcher = launcher;
      return this;
    }

    public ClientConfig build() {
      return new ClientConfig(this);
    }
  }
}
