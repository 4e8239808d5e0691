package io.gopluginjava.workbook;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * TUTORIAL.md as the workbook sees it: its headings (GitHub's anchors, and which {@code # Step NN} part each lies in)
 * and its code excerpts, which must be exactly the tagged regions of the tested sources.
 */
final class Tutorial {

  private static final Pattern EXCERPT =
      Pattern.compile("<!-- excerpt: ([^#\\s]+)#([a-z0-9-]+) -->\\n(?:```(\\w*)\\n(.*?)```\\n)?<!-- /excerpt -->",
          Pattern.DOTALL);
  private static final Pattern STEP_PART = Pattern.compile("Step (\\d+)\\b.*");
  private static final Pattern LINK = Pattern.compile("\\]\\((TUTORIAL\\.md)?#([^)\\s]+)\\)");

  private final Path root;

  Tutorial(Path root) {
    this.root = root;
  }

  /** Every heading's anchor, with the step whose part ({@code # Step 01: ...} to the next {@code #}) holds it. */
  Map<String, Optional<String>> anchors() {
    Map<String, Optional<String>> anchors = new LinkedHashMap<>();
    Path tutorial = root.resolve("TUTORIAL.md");
    if (!Files.exists(tutorial)) {
      return anchors;
    }
    boolean inFence = false;
    Optional<String> part = Optional.empty();
    for (String line : FileText.readLines(tutorial)) {
      if (line.startsWith("```")) {
        inFence = !inFence;
      }
      if (inFence || !line.matches("#{1,6} .*")) {
        continue;
      }
      String heading = line.replaceFirst("^#+ ", "");
      if (line.startsWith("# ")) {
        Matcher step = STEP_PART.matcher(heading);
        part = step.matches() ? Optional.of(String.format("step%02d", Integer.parseInt(step.group(1))))
            : Optional.empty();
      }
      anchors.putIfAbsent(slug(heading), part);
    }
    return anchors;
  }

  /**
   * Links to a TUTORIAL.md section that no heading makes (nothing, when empty): {@code (#anchor)} in TUTORIAL.md,
   * {@code (TUTORIAL.md#anchor)} in README.md.
   */
  List<String> linkProblems() {
    Map<String, Optional<String>> anchors = anchors();
    List<String> problems = new ArrayList<>();
    for (String document : List.of("TUTORIAL.md", "README.md")) {
      Path path = root.resolve(document);
      if (!Files.exists(path)) {
        continue;
      }
      Matcher m = LINK.matcher(FileText.read(path));
      while (m.find()) {
        boolean toTutorial = document.equals("TUTORIAL.md") || m.group(1) != null;
        if (toTutorial && !anchors.containsKey(m.group(2))) {
          problems.add(document + " links to TUTORIAL.md#" + m.group(2) + ", which no heading makes");
        }
      }
    }
    return problems;
  }

  /** GitHub's slug of a heading: lower case, punctuation dropped, spaces to hyphens. */
  static String slug(String heading) {
    return heading.strip().toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-');
  }

  /**
   * What is wrong with the excerpts of TUTORIAL.md, and of README.md when it has any (nothing, when empty). With
   * {@code write} they are fixed instead.
   */
  List<String> excerptProblems(boolean write) {
    List<String> problems = new ArrayList<>(excerptProblems("TUTORIAL.md", write));
    if (Files.exists(root.resolve("README.md"))) {
      problems.addAll(excerptProblems("README.md", write));
    }
    return problems;
  }

  /** The excerpts of one document; TUTORIAL.md must have some, README.md may have none. */
  private List<String> excerptProblems(String document, boolean write) {
    Path path = root.resolve(document);
    String text = FileText.read(path);
    List<String> problems = new ArrayList<>();
    StringBuilder fixed = new StringBuilder();
    Matcher m = EXCERPT.matcher(text);
    int last = 0;
    int count = 0;
    while (m.find()) {
      count++;
      String file = m.group(1);
      String tag = m.group(2);
      String body;
      try {
        body = tagged(root.resolve(file), tag);
      } catch (WorkbookException e) {
        problems.add(e.getMessage());
        continue;
      }
      String block = "<!-- excerpt: " + file + "#" + tag + " -->\n```" + fence(file) + "\n" + body + "```\n<!-- /excerpt -->";
      if (!block.equals(m.group()) && !write) {
        problems.add(file + "#" + tag + " differs from " + document);
      }
      fixed.append(text, last, m.start()).append(block);
      last = m.end();
    }
    fixed.append(text.substring(last));
    if (count == 0 && document.equals("TUTORIAL.md")) {
      problems.add("TUTORIAL.md has no excerpt blocks");
    }
    int markers = text.split("<!-- excerpt:", -1).length - 1;
    if (markers != count) {
      problems.add(document + " has " + markers + " excerpt markers but " + count + " well-formed blocks: each is"
          + " <!-- excerpt: path#tag -->, a fenced block (or nothing, for --write to fill), <!-- /excerpt -->");
    }
    if (write && !fixed.toString().equals(text)) {
      FileText.write(path, fixed.toString());
    }
    return problems;
  }

  /** The lines between {@code tag::name[]} and {@code end::name[]}, without their common indentation. */
  static String tagged(Path file, String tag) {
    if (!Files.exists(file)) {
      throw new WorkbookException("excerpt source " + file + " does not exist");
    }
    List<String> lines = FileText.readLines(file);
    Markers markers = Markers.of(file);
    int begin = -1;
    for (int i = 0; i < lines.size(); i++) {
      Matcher m = markers.tag().matcher(lines.get(i));
      if (m.find() && m.group(1).equals(tag)) {
        begin = i;
        break;
      }
    }
    if (begin < 0) {
      throw new WorkbookException(file.getFileName() + " has no tag::" + tag + "[]");
    }
    List<String> body = new ArrayList<>();
    for (int i = begin + 1; i < lines.size(); i++) {
      String line = lines.get(i);
      if (line.contains("end::" + tag + "[]")) {
        while (!body.isEmpty() && body.get(body.size() - 1).isBlank()) {
          body.remove(body.size() - 1); // e.g. the blank line gofmt wants before a Go end tag
        }
        int indent = body.stream().filter(l -> !l.isBlank()).mapToInt(l -> l.length() - l.stripLeading().length())
            .min().orElse(0);
        return body.stream().map(l -> l.isBlank() ? "" : l.substring(indent)).map(l -> l + "\n")
            .collect(Collectors.joining());
      }
      if (markers.begin().matcher(line).matches()) {
        throw new WorkbookException(file.getFileName() + "#" + tag + " would show workbook piece "
            + markers.begin().matcher(line).replaceFirst("$2") + ": TUTORIAL.md must not give away a piece's code");
      }
      if (!markers.tag().matcher(line).find() && !line.contains("end::")) {
        body.add(line);
      }
    }
    throw new WorkbookException(file.getFileName() + " has tag::" + tag + "[] without end::" + tag + "[]");
  }

  /** The language of an excerpt's fence: a {@link Language}'s, else the extension (bash for .sh). */
  private static String fence(String file) {
    String ext = file.substring(file.lastIndexOf('.') + 1);
    return Language.of(Path.of(file)).map(l -> l.fence).orElse(ext.equals("sh") ? "bash" : ext);
  }
}
