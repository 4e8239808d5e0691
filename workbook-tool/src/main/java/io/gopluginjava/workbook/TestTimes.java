package io.gopluginjava.workbook;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** How long each test class of a step took when last run, so that {@link ClassPathTestRun} can share them out evenly. */
final class TestTimes {

  private TestTimes() {}

  static Map<String, Long> read(Step step) {
    Map<String, Long> times = new TreeMap<>();
    Path file = file(step);
    if (Files.exists(file)) {
      for (String line : FileText.readLines(file)) {
        String[] f = line.split("\t");
        if (f.length == 2 && f[1].matches("\\d+")) {
          times.put(f[0], Long.parseLong(f[1]));
        }
      }
    }
    return times;
  }

  static void update(Step step, Map<String, Long> latest) {
    if (latest.isEmpty()) {
      return;
    }
    Map<String, Long> times = read(step);
    times.putAll(latest);
    List<String> lines = new ArrayList<>();
    times.forEach((c, ms) -> lines.add(c + "\t" + ms));
    FileText.writeLines(file(step), lines);
  }

  private static Path file(Step step) {
    return step.dir().resolve("target/workbook/test-times");
  }
}
