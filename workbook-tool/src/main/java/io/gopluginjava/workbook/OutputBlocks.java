package io.gopluginjava.workbook;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The sample outputs that TUTORIAL.md and README.md show, each between {@code <!-- output: ... -->} and
 * {@code <!-- /output -->} around a fenced block. A block names the recorded run it comes from (a file a test checks
 * against a fresh run, see {@link OutputShape}) and how it shows it:
 * <ul>
 *   <li>{@code <!-- output: PATH -->}: exactly the recording ({@code ./workbook excerpts --write} copies it in);
 *   <li>{@code <!-- output: PATH, shape -->}: the recording's shape, with friendlier paths, pids or timings;
 *   <li>{@code <!-- output: PATH, lines -->}: some of its lines, in order, shapes compared;
 *   <li>{@code <!-- output: illustrative -->}: no run makes it (a timing, another program's output): it must look like
 *       a shell transcript, each line a {@code $ } command, a log line, a {@code time} figure or blank.
 * </ul>
 */
final class OutputBlocks {

  static final List<String> DOCUMENTS = List.of("TUTORIAL.md", "README.md");

  private static final Pattern BLOCK = Pattern.compile(
      "<!-- output: ([^,>\\s]+)(?:, (shape|lines))? -->\\n(?:```(\\w*)\\n(.*?)```\\n)?<!-- /output -->", Pattern.DOTALL);
  private static final Pattern TRANSCRIPT_LINE = Pattern.compile(
      "|\\$ .*|\\[(TRACE|DEBUG|INFO|WARN|ERROR)\\] .*|(real|user|sys)\\t‹duration›");
  static final String ILLUSTRATIVE = "illustrative";

  private final Path root;

  OutputBlocks(Path root) {
    this.root = root;
  }

  /** What is wrong with the output blocks of both documents (nothing, when empty); {@code write} fixes exact ones. */
  List<String> problems(boolean write) {
    List<String> problems = new ArrayList<>();
    for (String document : DOCUMENTS) {
      Path path = root.resolve(document);
      if (Files.exists(path)) {
        problems.addAll(problems(path, write));
      }
    }
    return problems;
  }

  private List<String> problems(Path document, boolean write) {
    String text = FileText.read(document);
    String name = document.getFileName().toString();
    List<String> problems = new ArrayList<>();
    StringBuilder fixed = new StringBuilder();
    Matcher m = BLOCK.matcher(text);
    int last = 0;
    int count = 0;
    while (m.find()) {
      count++;
      String source = m.group(1);
      String how = m.group(2);
      List<String> shown = m.group(4) == null ? List.of() : m.group(4).lines().toList();
      fixed.append(text, last, m.start());
      last = m.end();
      String where = name + ", output of " + source + (how == null ? "" : ", " + how);
      if (source.equals(ILLUSTRATIVE)) {
        shown.stream().filter(line -> !TRANSCRIPT_LINE.matcher(OutputShape.masked(line)).matches())
            .forEach(line -> problems.add(where + ": \"" + line + "\" is not a command, a log line, a time figure"
                + " or blank: record the run that prints it instead"));
        fixed.append(m.group());
        continue;
      }
      Path recording = root.resolve(source);
      if (!Files.exists(recording)) {
        problems.add(where + ": no such recording");
        fixed.append(m.group());
        continue;
      }
      List<String> recorded = FileText.readLines(recording);
      if (how == null) {
        String block = "<!-- output: " + source + " -->\n```text\n" + String.join("\n", recorded) + "\n```\n"
            + "<!-- /output -->";
        if (!block.equals(m.group()) && !write) {
          problems.add(where + ": the block is not the recording (fix: ./workbook excerpts --write)");
        }
        fixed.append(block);
        continue;
      }
      fixed.append(m.group());
      if (how.equals("shape")) {
        OutputShape.differences(recorded, shown).forEach(p -> problems.add(where + ": " + p));
      } else if (shown.isEmpty() || !OutputShape.isExcerptOf(shown, recorded)) {
        problems.add(where + ": its lines are not lines of the recording, in order");
      }
    }
    fixed.append(text.substring(last));
    int markers = text.split("<!-- output:", -1).length - 1;
    if (markers != count) {
      problems.add(name + " has " + markers + " output markers but " + count + " well-formed blocks: each is"
          + " <!-- output: path[, shape|, lines] -->, a fenced block, <!-- /output -->");
    }
    if (write && !fixed.toString().equals(text)) {
      FileText.write(document, fixed.toString());
    }
    return problems;
  }
}
