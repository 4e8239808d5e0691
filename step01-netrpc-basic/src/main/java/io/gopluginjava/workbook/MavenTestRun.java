package io.gopluginjava.workbook;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * One {@code mvn test} of one step, going on past red tests so that every report is written. The root pom tests only
 * the step that {@code -pl} names (the steps it builds on are built, not tested), so {@code -Dtest} needs no care.
 */
final class MavenTestRun {

  /**
   * Tests tagged so run no piece's code of their own, or only what other tests already prove a piece by, and take
   * minutes: step04's reliability drills ({@code drill}) and the runs of the whole conformance suite over flawed
   * plugins and through {@code ./conformance} ({@code suite-run}). {@code mvn test} runs them; the workbook's own runs
   * leave them out.
   */
  static final String NOT_REVERIFIED_TAGS = "drill,suite-run";

  private final Path root;
  private final Step step;
  private Collection<String> entries = List.of();
  private Path log;
  private boolean onlyChangedSources;

  MavenTestRun(Path root, Step step) {
    this.root = root;
    this.step = step;
  }

  /** Only these tests ({@code Class} or {@code Class#method}); none named means the whole step. */
  MavenTestRun tests(Collection<String> entries) {
    this.entries = entries;
    return this;
  }

  /** Output to a file instead of the terminal. */
  MavenTestRun quietly(Path log) {
    this.log = log;
    return this;
  }

  /**
   * Recompile only the files changed since the last build (maven-compiler's {@code useIncrementalCompilation=false}),
   * not the whole module. Safe when the only changes are method bodies, as when the workbook stubs pieces.
   */
  MavenTestRun onlyChangedSources() {
    this.onlyChangedSources = true;
    return this;
  }

  List<String> command() {
    List<String> command = new ArrayList<>(List.of("mvn", "-B", "-q", "test", "-pl", step.module(),
        "-Dmaven.test.failure.ignore=true", "-DexcludedGroups=" + NOT_REVERIFIED_TAGS));
    if (!entries.isEmpty()) {
      command.add("-Dtest=" + filter(entries));
      command.add("-Dsurefire.failIfNoSpecifiedTests=false");
    }
    if (onlyChangedSources) {
      command.add("-Dmaven.compiler.useIncrementalCompilation=false");
    }
    return command;
  }

  /** Surefire's {@code -Dtest}: {@code Class} for a whole class, {@code Class#a+b} for some of its methods. */
  static String filter(Collection<String> entries) {
    Map<String, Set<String>> byClass = new TreeMap<>();
    for (String entry : entries) {
      String[] parts = entry.split("#", 2);
      Set<String> methods = byClass.computeIfAbsent(parts[0], c -> new LinkedHashSet<>());
      methods.add(parts.length == 2 ? parts[1] : "*");
    }
    return byClass.entrySet().stream()
        .map(e -> e.getValue().contains("*") ? e.getKey() : e.getKey() + "#" + String.join("+", e.getValue()))
        .collect(Collectors.joining(","));
  }

  /**
   * Runs it, after removing the step's old reports (so that the reports are this run's only), and returns mvn's exit
   * status: not 0 only when the build itself failed (a stub that does not compile, say).
   */
  int run() {
    FileText.deleteTree(step.dir().resolve("target/surefire-reports"));
    ProcessBuilder builder = new ProcessBuilder(command()).directory(root.toFile());
    if (log != null) {
      FileText.write(log, "");
      builder.redirectErrorStream(true).redirectOutput(log.toFile());
    } else {
      builder.inheritIO();
    }
    Process mvn = null;
    try {
      mvn = builder.start();
      if (!mvn.waitFor(30, TimeUnit.MINUTES)) {
        throw new WorkbookException("mvn test on " + step.id() + " took more than 30 minutes");
      }
      return mvn.exitValue();
    } catch (IOException e) {
      throw new WorkbookException("could not run mvn: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new WorkbookException("interrupted while mvn test ran on " + step.id());
    } finally {
      if (mvn != null && mvn.isAlive()) {
        mvn.descendants().forEach(ProcessHandle::destroyForcibly);
        mvn.destroyForcibly();
      }
    }
  }
}
