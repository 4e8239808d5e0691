package io.gopluginjava.step02.host;

import io.gopluginjava.core.ClientConfig;
import io.gopluginjava.core.HandshakeException;
import io.gopluginjava.core.JavaCommand;
import io.gopluginjava.core.PluginException;
import io.gopluginjava.core.PluginStartException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which plugin a command-line host runs and how, from its environment, as go-plugin's examples read {@code KV_PLUGIN}:
 * {@code <PREFIX>_PLUGIN} (a shell command; this jar's Java plugin when unset), {@code <PREFIX>_AUTO_MTLS=false} and
 * {@code <PREFIX>_START_TIMEOUT} (e.g. {@code 90s}, {@code 2m}; go-plugin's minute when unset). An error then says
 * which plugin ran, chosen by which variable, and which variable changes what went wrong.
 */
public final class PluginChoice {

  private static final Pattern DURATION = Pattern.compile("(\\d{1,9})(ms|s|m)");

  private final String prefix;
  private final String command;
  private final String javaPlugin;
  private final List<String> javaCommand;
  private final boolean autoMtls;
  private final Duration startTimeout;
  private final String commandLine;

  private PluginChoice(String prefix, String command, String javaPlugin, List<String> javaCommand, boolean autoMtls,
      Duration startTimeout, String commandLine) {
    this.prefix = prefix;
    this.command = command;
    this.javaPlugin = javaPlugin;
    this.javaCommand = javaCommand;
    this.autoMtls = autoMtls;
    this.startTimeout = startTimeout;
    this.commandLine = commandLine;
  }

  /**
   * The choice {@code env} makes for the command {@code commandLine} (e.g. {@code kv put hello world}, for messages).
   *
   * @throws IllegalArgumentException when {@code <PREFIX>_START_TIMEOUT} is not a duration; its message says so
   */
  public static PluginChoice from(Map<String, String> env, String prefix, String javaPlugin, Class<?> javaMain,
      String commandLine) {
    String command = env.get(prefix + "_PLUGIN");
    boolean autoMtls = !"false".equals(env.get(prefix + "_AUTO_MTLS"));
    Duration startTimeout = duration(prefix + "_START_TIMEOUT", env.get(prefix + "_START_TIMEOUT"));
    return new PluginChoice(prefix, command == null || command.isBlank() ? null : command, javaPlugin,
        command == null || command.isBlank() ? JavaCommand.forMain(javaMain) : List.of(), autoMtls, startTimeout,
        commandLine);
  }

  /** Sets the command, AutoMTLS and start timeout on {@code config}. */
  public ClientConfig.Builder applyTo(ClientConfig.Builder config) {
    if (command != null) {
      config.shellCommand(command);
    } else {
      config.command(javaCommand);
    }
    return config.autoMtls(autoMtls).startTimeout(startTimeout);
  }

  /** The lines after "Error: ...": which plugin ran, and the variable that fixes {@code failure}, if one does. */
  public String explain(PluginException failure) {
    StringBuilder lines = new StringBuilder(pluginLine());
    if (failure instanceof HandshakeException e && e.problem() == HandshakeException.Problem.SERVER_CERT && autoMtls) {
      lines.append("\n  to run it without AutoMTLS: ").append(prefix).append("_AUTO_MTLS=false ").append(commandLine);
    } else if (failure instanceof PluginStartException e && e.problem() == PluginStartException.Problem.START_TIMEOUT) {
      long millis = startTimeout.toMillis();
      lines.append("\n  to wait longer than ").append(millis < 1000 ? millis + " ms" : millis / 1000 + " s")
          .append(": ").append(prefix)
          .append("_START_TIMEOUT=5m ").append(commandLine);
    }
    return lines.toString();
  }

  /** Which plugin ran, and the variable that chose it. */
  public String pluginLine() {
    return command != null
        ? "  plugin: sh -c '" + command + "' (from " + prefix + "_PLUGIN)"
        : "  plugin: this jar's " + javaPlugin + " (" + prefix + "_PLUGIN is unset; set it to a command to run another)";
  }

  private static Duration duration(String variable, String value) {
    if (value == null || value.isBlank()) {
      return Duration.ofMinutes(1);
    }
    Matcher m = DURATION.matcher(value.strip());
    if (!m.matches() || Long.parseLong(m.group(1)) == 0) {
      throw new IllegalArgumentException(variable + " must be a positive duration such as 90s, 2m or 500ms; it is \""
          + value + "\"");
    }
    long amount = Long.parseLong(m.group(1));
    return switch (m.group(2)) {
      case "ms" -> Duration.ofMillis(amount);
      case "s" -> Duration.ofSeconds(amount);
      default -> Duration.ofMinutes(amount);
    };
  }
}
