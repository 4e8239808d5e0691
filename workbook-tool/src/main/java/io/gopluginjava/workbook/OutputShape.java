package io.gopluginjava.workbook;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The shape of a command's output: its lines with what differs from run to run and machine to machine (paths, pids,
 * timings, certificates, timestamps, JVM options) masked. A sample output in TUTORIAL.md or README.md is a recorded
 * run (a file under {@code src/test/resources/tutorial-outputs/}); the test that makes the same run checks that the
 * recording still has the fresh run's shape, so that the prose cannot drift from what a reader sees.
 */
public final class OutputShape {

  /** Lines a plugin wrote (its stderr, its stdio, its log): they reach the host beside the wire, in no fixed order. */
  private static final Pattern PLUGIN_OUTPUT = Pattern.compile("^\\s*\\[[^\\]]*(stderr|stdout|stdio|log)[^\\]]*\\].*");

  private static final List<Mask> MASKS = List.of(
      new Mask("MII[A-Za-z0-9+/]{8,}(\\.\\.\\.\\(\\d+ chars\\))?", "‹cert›"),
      new Mask("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?(Z|[+-]\\d{2}:\\d{2})", "‹time›"),
      new Mask("( -X\\S+)+", " ‹jvm options›"),
      new Mask("(?<![\\w.])/[^\\s|\"',]+", "‹path›"),
      new Mask("\\b\\d+ ms\\b", "‹n› ms"),
      new Mask("\\bpid \\d+", "pid ‹n›"),
      new Mask("\\btransport=(epoll|kqueue|nio)\\b", "transport=‹transport›"),
      new Mask("\\b\\d+m\\d+\\.\\d+s\\b", "‹duration›"));

  private OutputShape() {}

  /** A log entry's fields as Java prints a map, {@code {network=unix, address=...}}: their order is not fixed. */
  private static final Pattern FIELDS = Pattern.compile("\\{(\\w+=[^{}=]*(, \\w+=[^{}=]*)*)\\}");

  /** A line with its machine-specific parts masked, trailing blanks dropped, a log entry's fields sorted. */
  public static String masked(String line) {
    String masked = FIELDS.matcher(line).replaceAll(m -> Matcher.quoteReplacement(
        "{" + Arrays.stream(m.group(1).split(", ")).sorted().collect(Collectors.joining(", ")) + "}"));
    for (Mask mask : MASKS) {
      masked = mask.pattern.matcher(masked).replaceAll(mask.replacement);
    }
    return masked.stripTrailing();
  }

  /**
   * How {@code fresh} differs from {@code recorded} in shape (nothing, when empty): the same masked lines in the
   * same order, but for the plugin's own output lines, which must be the same lines in any order.
   */
  public static List<String> differences(List<String> recorded, List<String> fresh) {
    List<String> problems = new ArrayList<>();
    List<String> recordedWire = wire(recorded, false);
    List<String> freshWire = wire(fresh, false);
    if (!recordedWire.equals(freshWire)) {
      problems.add("the lines differ in shape:\n  recorded:\n    " + String.join("\n    ", recordedWire)
          + "\n  this run:\n    " + String.join("\n    ", freshWire));
    }
    List<String> recordedPlugin = wire(recorded, true).stream().sorted().toList();
    List<String> freshPlugin = wire(fresh, true).stream().sorted().toList();
    if (!recordedPlugin.equals(freshPlugin)) {
      problems.add("the plugin's output lines differ:\n  recorded: " + recordedPlugin + "\n  this run: " + freshPlugin);
    }
    return problems;
  }

  /** Whether each of {@code shown}'s lines is in {@code recorded}, in the same order, shapes and not indents compared. */
  public static boolean isExcerptOf(List<String> shown, List<String> recorded) {
    int at = 0;
    for (String line : shown) {
      String want = masked(line).strip();
      while (at < recorded.size() && !masked(recorded.get(at)).strip().equals(want)) {
        at++;
      }
      if (at == recorded.size()) {
        return false;
      }
      at++;
    }
    return true;
  }

  /**
   * The check a test makes after a real run: the recording at {@code recording} (relative to the module) has the
   * shape of {@code fresh}. The fresh run is written to {@code target/tutorial-outputs/} beside it either way, to be
   * copied over the recording when the output changed on purpose.
   */
  public static List<String> check(Path recording, List<String> fresh) {
    Path run = Path.of("target", "tutorial-outputs").resolve(recording.getFileName());
    FileText.write(run, String.join("\n", fresh) + "\n");
    if (!Files.exists(recording)) {
      return List.of("no recording " + recording + ": copy this run, " + run + ", there");
    }
    List<String> problems = new ArrayList<>(differences(FileText.readLines(recording), fresh));
    if (!problems.isEmpty()) {
      problems.add("if the output changed on purpose: cp " + run + " " + recording
          + ", then ./workbook excerpts --write to update TUTORIAL.md and README.md");
    }
    return problems;
  }

  private static List<String> wire(List<String> lines, boolean pluginOutput) {
    return lines.stream().filter(l -> PLUGIN_OUTPUT.matcher(l).matches() == pluginOutput).map(OutputShape::masked)
        .toList();
  }

  private record Mask(Pattern pattern, String replacement) {
    Mask(String regex, String replacement) {
      this(Pattern.compile(regex), replacement);
    }
  }
}
