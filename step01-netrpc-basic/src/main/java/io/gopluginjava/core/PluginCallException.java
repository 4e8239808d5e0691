package io.gopluginjava.core;

import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;

/**
 * A call into a started plugin failed: the process exited while or before the call ran, it did not answer within the
 * host's call timeout, the address it announced takes no connections, the connection broke under the call while it
 * kept running, or it answered with an error of its own
 * ({@link Problem#PLUGIN_ERROR}, the wire's error as the cause). The message names the plugin, its pid, the call, and
 * the exit status, the timeout, the address or the answer.
 */
public final class PluginCallException extends PluginException {

  /** Why the call failed. */
  public enum Problem {
    PLUGIN_EXITED,
    NO_ANSWER_IN_TIME,
    /** The plugin runs, but the address it announced does not take connections: its socket is gone, say. */
    UNREACHABLE,
    /** The plugin runs, but the connection the call was on broke under it (the call's answer is lost). */
    CONNECTION_LOST,
    /** The plugin ran the call and answered with an error of its own: the cause is the wire's error. */
    PLUGIN_ERROR
  }

  private final Problem problem;
  private final String plugin;
  private final OptionalInt exitStatus;
  private final String answer;

  private PluginCallException(Problem problem, String plugin, OptionalInt exitStatus, String message, Throwable cause) {
    this(problem, plugin, exitStatus, null, message, cause);
  }

  private PluginCallException(Problem problem, String plugin, OptionalInt exitStatus, String answer, String message,
      Throwable cause) {
    super(message, cause);
    this.problem = problem;
    this.plugin = plugin;
    this.exitStatus = exitStatus;
    this.answer = answer;
  }

  /** The plugin's process ended; {@code lastStderrLines} are often the reason (a panic, an exception). */
  public static PluginCallException exited(String plugin, long pid, String call, int status,
      List<String> lastStderrLines, Throwable cause) {
    return new PluginCallException(Problem.PLUGIN_EXITED, plugin, OptionalInt.of(status),
        "plugin \"" + plugin + "\" (pid " + pid + ") exited with status " + describeStatus(status) + " during " + call
            + PluginStartException.stderrSection(lastStderrLines), cause);
  }

  /**
   * The plugin's process ended, and its status is unknown to this host, which did not start it (a reattached
   * plugin).
   */
  public static PluginCallException exitedUnknownStatus(String plugin, long pid, String call, Throwable cause) {
    return new PluginCallException(Problem.PLUGIN_EXITED, plugin, OptionalInt.empty(),
        "plugin \"" + plugin + "\" (pid " + pid + ") exited during " + call + " (this host reattached to it, so its"
            + " exit status is not known here)", cause);
  }

  /** The plugin answered {@code call} with an error: {@code answer} is what it said, the cause the wire's error. */
  /** The connection under {@code call} broke, and the plugin is still running: the call's answer, if any, is lost. */
  public static PluginCallException connectionLost(String plugin, long pid, String call, String why, Throwable cause) {
    return new PluginCallException(Problem.CONNECTION_LOST, plugin, OptionalInt.empty(),
        "plugin \"" + plugin + "\" (pid " + pid + ") is running, but the connection broke during " + call + ": " + why
            + "; whether the call ran is not known", cause);
  }

  public static PluginCallException answered(String plugin, long pid, String call, String answer, Throwable cause) {
    return new PluginCallException(Problem.PLUGIN_ERROR, plugin, OptionalInt.empty(), answer,
        "plugin \"" + plugin + "\" (pid " + pid + ") answered " + call + " with an error: " + answer, cause);
  }

  /** The plugin is still running but did not answer in time: hung, stopped, or just too slow. */
  public static PluginCallException noAnswer(String plugin, long pid, String call, Duration timeout, Throwable cause) {
    return new PluginCallException(Problem.NO_ANSWER_IN_TIME, plugin, OptionalInt.empty(),
        "plugin \"" + plugin + "\" (pid " + pid + ") did not answer " + call + " within " + timeout.toMillis()
            + " ms (the host's call timeout); it is still running", cause);
  }

  /** The plugin still runs, but its announced address takes no connection; {@code why} says what the host found. */
  public static PluginCallException unreachable(String plugin, long pid, String call, String network, String address,
      String why, Throwable cause) {
    return new PluginCallException(Problem.UNREACHABLE, plugin, OptionalInt.empty(),
        "plugin \"" + plugin + "\" (pid " + pid + ") is running, but " + call + " cannot reach it at " + network + " "
            + address + ": " + why, cause);
  }

  public Problem problem() {
    return problem;
  }

  /** The plugin's name in the host's config. */
  public String plugin() {
    return plugin;
  }

  /** What the plugin answered, for {@link Problem#PLUGIN_ERROR} (e.g. {@code INTERNAL no value for key "k"}); else null. */
  public String answer() {
    return answer;
  }

  /** The exit status when the plugin exited; 128 + N means it was killed by signal N. */
  public OptionalInt exitStatus() {
    return exitStatus;
  }

  private static String describeStatus(int status) {
    if (status <= 128) {
      return String.valueOf(status);
    }
    int signal = status - 128;
    String name = switch (signal) {
      case 6 -> " (SIGABRT)";
      case 9 -> " (SIGKILL)";
      case 11 -> " (SIGSEGV)";
      case 15 -> " (SIGTERM)";
      default -> "";
    };
    return status + ", killed by signal " + signal + name;
  }
}
