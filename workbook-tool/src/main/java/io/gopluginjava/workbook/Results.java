package io.gopluginjava.workbook;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The last test result of each piece (and of the step's end-to-end set), in {@code .workbook/results/<step>.txt},
 * with a fingerprint of the code it was run on: a result whose fingerprint is not the code's any more is stale.
 */
final class Results {

  /** The key of the step's end-to-end result. */
  static final String END_TO_END = "(end-to-end)";

  /** One run's outcome for one piece: how many of its tests ran and passed, on which code, when. */
  record Result(String fingerprint, int passed, int total, long time) {
    boolean passing() {
      return total > 0 && passed == total;
    }

    String summary() {
      return passing() ? "passing (" + total + ")" : (total - passed) + " of " + total + " failing";
    }
  }

  private final Path root;

  Results(Path root) {
    this.root = root;
  }

  Map<String, Result> of(String stepId) {
    Map<String, Result> results = new LinkedHashMap<>();
    Path file = file(stepId);
    if (Files.exists(file)) {
      for (String line : FileText.readLines(file)) {
        String[] f = line.split("\t");
        if (f.length == 5) {
          results.put(f[0], new Result(f[1], Integer.parseInt(f[2]), Integer.parseInt(f[3]), Long.parseLong(f[4])));
        }
      }
    }
    return results;
  }

  void put(String stepId, Map<String, Result> updates) {
    if (updates.isEmpty()) {
      return;
    }
    Map<String, Result> results = of(stepId);
    results.putAll(updates);
    List<String> lines = new ArrayList<>();
    results.forEach((key, r) -> lines.add(String.join("\t", key, r.fingerprint(), String.valueOf(r.passed()),
        String.valueOf(r.total()), String.valueOf(r.time()))));
    FileText.writeLines(file(stepId), lines);
  }

  private Path file(String stepId) {
    return root.resolve(".workbook/results").resolve(stepId + ".txt");
  }
}
