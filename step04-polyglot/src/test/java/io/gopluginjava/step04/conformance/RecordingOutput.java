package io.gopluginjava.step04.conformance;

import io.gopluginjava.core.PluginOutput;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * The host's log of a plugin's output, plus the last lines of its stderr, kept so that a failed check can show them
 * beside its message (published as the report entry {@value #ENTRY}).
 */
final class RecordingOutput implements PluginOutput {

  static final String ENTRY = "plugin stderr";
  private static final int KEPT_LINES = 40;

  private final PluginOutput log = PluginOutput.log();
  private final Deque<String> stderr = new ArrayDeque<>();

  @Override
  public void stderr(String plugin, String line) {
    log.stderr(plugin, line);
    keep(line);
  }

  @Override
  public void stdout(String plugin, String line) {
    log.stdout(plugin, line);
  }

  /** Lines of stderr read some other way (from a file). */
  void stderr(List<String> lines) {
    lines.forEach(this::keep);
  }

  /** The last lines of stderr, one string, empty when there were none. */
  synchronized String stderr() {
    return String.join("\n", stderr);
  }

  private synchronized void keep(String line) {
    if (stderr.size() == KEPT_LINES) {
      stderr.removeFirst();
    }
    stderr.addLast(line);
  }
}
