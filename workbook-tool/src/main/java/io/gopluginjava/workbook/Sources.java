package io.gopluginjava.workbook;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** A step's sources as the workbook sees them: the files pieces may be in, and the marked regions in them. */
final class Sources {

  private final Path root;

  Sources(Path root) {
    this.root = root;
  }

  /** Every marked region of a step's main sources (Java, Python and Go), by piece id. */
  Map<String, Region> regions(Step step) {
    Map<String, Region> regions = new LinkedHashMap<>();
    for (Path file : files(step.dir().resolve("src/main"))) {
      for (Region region : regionsIn(file)) {
        if (regions.put(region.pieceId(), region) != null) {
          throw new WorkbookException(where(file, region.begin()) + ": piece " + region.pieceId() + " is marked twice");
        }
      }
    }
    return regions;
  }

  /** The regions of one file, each checked to end its function. */
  List<Region> regionsIn(Path file) {
    List<String> lines = FileText.readLines(file);
    List<Region> regions = regionsIn(file, lines);
    regions.forEach(region -> requireEndsFunction(region, lines));
    return regions;
  }

  /** The regions in some lines of {@code file} (a version of it, maybe the committed one), unchecked. */
  List<Region> regionsIn(Path file, List<String> lines) {
    Markers markers = Markers.of(file);
    List<Region> regions = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      Matcher begin = markers.begin().matcher(lines.get(i));
      if (!begin.matches()) {
        continue;
      }
      int end = i + 1;
      while (end < lines.size() && !markers.end().matcher(lines.get(end)).matches()) {
        if (markers.begin().matcher(lines.get(end)).matches()) {
          throw new WorkbookException(where(file, end) + ": a piece starts inside piece " + begin.group(2));
        }
        end++;
      }
      if (end == lines.size()) {
        throw new WorkbookException(where(file, i) + ": piece " + begin.group(2) + " has no workbook:end");
      }
      regions.add(new Region(file, begin.group(2), i, end, begin.group(1), List.copyOf(lines.subList(i + 1, end))));
    }
    return regions;
  }

  /** A piece must end its function: its stub then leaves no code after it that would be unreachable or never run. */
  private void requireEndsFunction(Region region, List<String> lines) {
    Language language = region.language();
    int after = language.lineAfter(lines, region.end());
    String next = after < lines.size() ? lines.get(after) : null;
    if (!language.endRule.allows(next, region.indent().length())) {
      throw new WorkbookException(where(region.file(), next == null ? region.end() : after) + ": piece "
          + region.pieceId() + " must end its function, so after its workbook:end comes " + language.endRule.expected
          + ", not " + (next == null ? "the end of the file" : "\"" + next.strip() + "\""));
    }
  }

  /** Puts {@code body} between the region's markers, leaving every other line of the file as it is. */
  static void replace(Region region, List<String> body) {
    List<String> lines = FileText.readLines(region.file());
    List<String> result = new ArrayList<>(lines.subList(0, region.begin() + 1));
    result.addAll(body);
    result.addAll(lines.subList(region.end(), lines.size()));
    FileText.writeLines(region.file(), result);
  }

  /**
   * What a piece's test result depends on, as a hash: its file, with the bodies of the file's other pieces left out
   * (writing the next piece in the same file does not make this one's result stale).
   */
  String fingerprint(Region region) {
    List<String> lines = FileText.readLines(region.file());
    List<String> kept = new ArrayList<>();
    int skipUntil = -1;
    for (Region other : regionsIn(region.file(), lines)) {
      if (!other.pieceId().equals(region.pieceId())) {
        for (int i = skipUntil + 1; i <= other.begin(); i++) {
          kept.add(lines.get(i));
        }
        skipUntil = other.end() - 1;
      }
    }
    kept.addAll(lines.subList(skipUntil + 1, lines.size()));
    return FileText.sha256(root.relativize(region.file()) + "\n" + String.join("\n", kept));
  }

  /** The modification times of the files under {@code dir}: what {@code watch} polls to notice a save. */
  static String modificationStamp(Path dir) {
    if (!Files.isDirectory(dir)) {
      return "";
    }
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(Files::isRegularFile).filter(f -> !generated(dir, f)).sorted().map(f -> {
        try {
          return f + "@" + Files.getLastModifiedTime(f).toMillis();
        } catch (IOException e) {
          return f + "@gone";
        }
      }).collect(Collectors.joining("\n"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The Java, Python and Go files under {@code dir}, outside {@linkplain #generated generated directories}. */
  static List<Path> files(Path dir) {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(Files::isRegularFile)
          .filter(f -> Language.of(f).isPresent() && !generated(dir, f))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Whether a file under {@code dir} lies in a directory that tools write, not people: Python's {@code __pycache__}, a
   * virtualenv ({@code venv}, {@code .venv}) or any other hidden directory. Neither pieces nor saves to watch are there.
   */
  static boolean generated(Path dir, Path file) {
    Path folders = dir.relativize(file).getParent();
    return folders != null && Stream.iterate(folders, Objects::nonNull, Path::getParent)
        .map(p -> p.getFileName().toString())
        .anyMatch(name -> name.startsWith(".") || name.equals("__pycache__") || name.equals("venv"));
  }

  /** {@code path:line} relative to the repository, for messages. */
  String where(Path file, int lineIndex) {
    return (file.startsWith(root) ? root.relativize(file) : file) + ":" + (lineIndex + 1);
  }
}
