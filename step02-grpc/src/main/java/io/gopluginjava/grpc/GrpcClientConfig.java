package io.gopluginjava.grpc;

import io.gopluginjava.core.Handshake;
import io.gopluginjava.core.HandshakeConfig;
import io.gopluginjava.core.PluginLauncher;
import io.gopluginjava.core.PluginOutput;
import io.gopluginjava.core.ReattachConfig;
import io.gopluginjava.core.SecureConfig;
import io.gopluginjava.core.UnixSocketDir;
import io.grpc.ClientInterceptor;
import io.grpc.ManagedChannelBuilder;
import java.nio.file.Path;
import java.io.OutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Everything a host needs to start one gRPC plugin, like go-plugin's {@code ClientConfig} with
 * {@code AllowedProtocols: []Protocol{ProtocolGRPC}} and {@code AutoMTLS: true}. Build one with {@link #builder()}.
 */
public record GrpcClientConfig(String name, HandshakeConfig handshake, Map<String, GrpcPlugin<?>> plugins,
    List<String> command, Set<Integer> versions, Set<String> allowedProtocols, String network, boolean autoMtls,
    Duration startTimeout, Map<String, String> env, PluginOutput output, OutputStream syncStdout,
    OutputStream syncStderr, Duration callTimeout, SecureConfig secureConfig,
    ReattachConfig reattach, PluginLauncher launcher, boolean pingOnStart, boolean skipHostEnv,
    List<ClientInterceptor> interceptors, Consumer<? super ManagedChannelBuilder<?>> channelOptions,
    boolean multiplex) {

  public static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link GrpcClientConfig}; handshake, plugins and a command (or a reattach config) are required. */
  public static final class Builder {
    private String name;
    private HandshakeConfig handshake;
    private final Map<String, GrpcPlugin<?>> plugins = new LinkedHashMap<>();
    private List<String> command;
    private Set<Integer> versions;
    private Set<String> allowedProtocols = Set.of(GrpcPluginServer.PROTOCOL);
    private String network = "unix";
    private Boolean autoMtls; // on unless set, or unless reattaching
    private Duration startTimeout = Duration.ofMinutes(1);
    private final Map<String, String> env = new LinkedHashMap<>();
    private PluginOutput output = new HclogOutput();
    private OutputStream syncStdout = OutputStream.nullOutputStream();
    private OutputStream syncStderr = OutputStream.nullOutputStream();
    private Duration callTimeout;
    private SecureConfig secureConfig;
    private ReattachConfig reattach;
    private PluginLauncher launcher = PluginLauncher.PROCESS;
    private boolean pingOnStart;
    private boolean skipHostEnv;
    private final List<ClientInterceptor> interceptors = new ArrayList<>();
    private Consumer<? super ManagedChannelBuilder<?>> channelOptions = builder -> {};
    private boolean multiplex;

    public Builder name(String name) {
      this.name = name;
      return this;
    }

    public Builder handshake(HandshakeConfig handshake) {
      this.handshake = handshake;
      return this;
    }

    public Builder plugin(String name, GrpcPlugin<?> plugin) {
      plugins.put(name, plugin);
      return this;
    }

    public Builder command(List<String> command) {
      this.command = command;
      return this;
    }

    /** Runs {@code commandLine} through {@code sh -c}, as go-plugin's examples take {@code $KV_PLUGIN}. */
    public Builder shellCommand(String commandLine) {
      return command(List.of("sh", "-c", commandLine));
    }

    public Builder versions(Set<Integer> versions) {
      this.versions = versions;
      return this;
    }

    public Builder allowedProtocols(Set<String> allowedProtocols) {
      this.allowedProtocols = allowedProtocols;
      return this;
    }

    public Builder network(String network) {
      if (!Handshake.NETWORKS.contains(network)) {
        throw new IllegalArgumentException("network must be one of " + Handshake.NETWORKS + ", got " + network);
      }
      this.network = network;
      return this;
    }

    /** On by default (off when reattaching): a certificate per client, passed in {@code PLUGIN_CLIENT_CERT}, and TLS both ways. */
    public Builder autoMtls(boolean autoMtls) {
      this.autoMtls = autoMtls;
      return this;
    }

    public Builder startTimeout(Duration startTimeout) {
      this.startTimeout = startTimeout;
      return this;
    }

    public Builder env(String key, String value) {
      env.put(key, value);
      return this;
    }

    /** Where the plugin's stderr lines go; by default parsed as hclog into SLF4J. */
    public Builder output(PluginOutput output) {
      this.output = output;
      return this;
    }

    /** Where what the plugin writes to its stdout after the handshake arrives (through GRPCStdio); discarded by default. */
    public Builder syncStdout(OutputStream syncStdout) {
      this.syncStdout = syncStdout;
      return this;
    }

    /** Where what the plugin writes to its stderr through GRPCStdio arrives; discarded by default. */
    public Builder syncStderr(OutputStream syncStderr) {
      this.syncStderr = syncStderr;
      return this;
    }

    /**
     * A deadline for every unary call that has none of its own, so that a hung plugin fails the call instead of
     * blocking the host; none by default, as in go-plugin.
     */
    public Builder callTimeout(Duration callTimeout) {
      if (callTimeout.isNegative() || callTimeout.isZero()) {
        throw new IllegalArgumentException("callTimeout must be positive, got " + callTimeout);
      }
      this.callTimeout = callTimeout;
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
     * {@code io.gopluginjava.testing.InJvmGrpcPlugin}; the command may then be left out.
     */
    public Builder launcher(PluginLauncher launcher) {
      this.launcher = Objects.requireNonNull(launcher, "launcher");
      return this;
    }

    /**
     * Checks the plugin's health service ({@code "plugin"} SERVING) right after connecting, so that a plugin that
     * listens but cannot serve fails at {@code start()} instead of at the first call. Off by default, as in go-plugin,
     * whose host checks health only when the application pings: a plugin that registers health for its own services
     * only would otherwise be refused. {@link GrpcPluginClient#ping()} checks it whenever you ask.
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
     * Interceptors for every call on the plugin's channel, e.g. for tracing or credentials: half of go-plugin's
     * {@code GRPCDialOptions}. Brokered channels do not get them, as in go-plugin.
     */
    public Builder intercept(ClientInterceptor... interceptors) {
      this.interceptors.addAll(List.of(interceptors));
      return this;
    }

    /**
     * The other half of go-plugin's {@code GRPCDialOptions}: {@code options} gets the builder of the plugin's channel
     * after this library has set it up (transport, TLS, {@code :authority}, message size, flow control), so it can
     * add to or override any of that, e.g. {@code b -> b.userAgent("my-host/1.0").keepAliveTime(30, SECONDS)}. It is
     * a {@code NettyChannelBuilder}, for Netty's own options. Brokered channels do not get it, as in go-plugin.
     */
    public Builder channelOptions(Consumer<? super ManagedChannelBuilder<?>> channelOptions) {
      this.channelOptions = Objects.requireNonNull(channelOptions, "channelOptions");
      return this;
    }

    /**
     * go-plugin's {@code GRPCBrokerMultiplex}: asks the plugin ({@code PLUGIN_MULTIPLEX_GRPC=true}) to carry every
     * connection, brokered ones included, as a yamux stream of the one connection this host makes, instead of a
     * socket per brokered service. A plugin whose handshake line does not end in {@code |true} is refused. Off by
     * default, as in go-plugin; not with reattach.
     */
    public Builder multiplex(boolean multiplex) {
      this.multiplex = multiplex;
      return this;
    }

    public GrpcClientConfig build() {
      Objects.requireNonNull(handshake, "handshake");
      if (plugins.isEmpty()) {
        throw new IllegalArgumentException("a client needs at least one plugin");
      }
      if (reattach != null) {
        refuseWithReattach("a command", command != null);
        refuseWithReattach("a SecureConfig (go-plugin: ErrSecureConfigAndReattach)", secureConfig != null);
        refuseWithReattach("AutoMTLS", Boolean.TRUE.equals(autoMtls));
        refuseWithReattach("a launcher", launcher != PluginLauncher.PROCESS);
        refuseWithReattach("skipHostEnv (the plugin already runs)", skipHostEnv);
        refuseWithReattach("gRPC broker multiplexing (go-plugin refuses it too)", multiplex);
      } else if ((command == null || command.isEmpty()) && launcher == PluginLauncher.PROCESS) {
        throw new IllegalArgumentException("a client needs a command to run, or a reattach config");
      } else if (skipHostEnv && launcher != PluginLauncher.PROCESS) {
        throw new IllegalArgumentException("skipHostEnv applies to a plugin process, and this client has a launcher of"
            + " its own, which decides the plugin's environment: leave one of them out");
      } else if (secureConfig != null && (command == null || command.isEmpty())) {
        throw new IllegalArgumentException("a SecureConfig checks the file a command runs, and this client has no"
            + " command: give it one, or leave the SecureConfig out");
      }
      return new GrpcClientConfig(name != null ? name : String.join(",", plugins.keySet()), handshake,
          Map.copyOf(plugins), command == null ? List.of() : List.copyOf(command),
          versions != null ? Set.copyOf(versions) : Set.of(handshake.protocolVersion()), Set.copyOf(allowedProtocols),
          network, reattach == null && !Boolean.FALSE.equals(autoMtls), startTimeout, Map.copyOf(env), output,
          syncStdout, syncStderr, callTimeout, secureConfig, reattach,
          launcher, pingOnStart, skipHostEnv, List.copyOf(interceptors), channelOptions, multiplex);
    }

    private static void refuseWithReattach(String option, boolean present) {
      if (present) {
        throw new IllegalArgumentException("a client that reattaches to a running plugin cannot also have " + option);
      }
    }
  }
}
