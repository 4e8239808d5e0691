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

  private final Path root;
  private final Step step;
  private Collection<String> entries = List.of();
  private Path log;
  private boolean buildOnly;

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

  /** Builds the step and the steps before it, tests and all, without running a test. */
  MavenTestRun buildOnly() {
    this.buildOnly = true;
    return this;
  }

  /** The command; it also writes the step's {@link StepClassPath}, for runs without Maven. */
  List<String> command() {
    List<String> command = new ArrayList<>(List.of("mvn", "-B", "-q", buildOnly ? "test-compile" : "test",
        "-pl", step.module(), "-Dmaven.test.failure.ignore=true"));
    command.addAll(StepClassPath.MAVEN_ARGUMENTS);
    if (!entries.isEmpty()) {
      command.add("-Dtest=" + filter(entries));
      command.add("-Dsurefire.failIfNoSpecifiedTests=false");
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
    if (!buildOnly) {
      FileText.deleteTree(step.dir().resolve("target/surefire-reports"));
    }
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
      if (mvn.exitValue() == 0) {
        StepClassPath.built(step);
      }
      return mvn.exitValue();
    } catch (IOException e) {
      throw new WorkbookException("could not run mvn: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new WorkbookException("interrupted while mvn test ran on " + step.id());
    } finally {
      ProcessTree.destroy(mvn);
    }
  }
}
