package io.gopluginjava.workbook;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Some of a step's tests run on its {@linkplain StepClassPath class path}, after {@linkplain JavaCompile compiling}
 * what changed (and {@linkplain GoBuild relinking} the step's Go programs): what {@link MavenTestRun} does, without a
 * Maven start, Maven's lifecycle over every step before, and javac's own start, each time. As surefire is set up in
 * the root pom, two JVMs share the test classes, each with C1 and the serial collector, in the step's directory; they
 * are the step's {@linkplain WarmTestJvm long-lived test JVMs}, which load the step's classes afresh for each run and
 * keep JUnit, Netty and gRPC warm between runs. Their reports go where {@link SurefireReports} reads them.
 */
final class ClassPathTestRun {

  /** The root pom's surefire: forkCount, argLine and system properties. */
  static final int FORKS = 2;
  static final List<String> JVM_OPTIONS = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
      "-Djazzer.hooks=false");

  /** Surefire's default includes, less its abstract and inner classes. */
  private static final Pattern TEST_CLASS = Pattern.compile("(Test[^$]*|[^$]*Tests?|[^$]*TestCase)\\.class");

  private final Step step;
  private final List<Path> classPath;
  private Collection<String> entries = List.of();
  private Path log;
  private Duration timeout = Duration.ofMinutes(30);

  ClassPathTestRun(Step step, List<Path> classPath) {
    this.step = step;
    this.classPath = classPath;
  }

  /** Only these tests ({@code Class} or {@code Class#method}, simple class names); none named means the whole step. */
  ClassPathTestRun tests(Collection<String> entries) {
    this.entries = entries;
    return this;
  }

  /** Output to a file instead of the terminal. */
  ClassPathTestRun quietly(Path log) {
    this.log = log;
    return this;
  }

  /** How long a run may take before its JVMs are ended and the run is an error (a hung test). */
  ClassPathTestRun timeout(Duration timeout) {
    this.timeout = timeout;
    return this;
  }

  /** Compiles and runs; 0 unless the build failed (javac's messages are in the output, on lines from "[ERROR]"). */
  int run() {
    StringBuilder output = new StringBuilder();
    int status = compileAndTest(output);
    if (log != null) {
      FileText.write(log, output.toString());
    } else {
      System.out.print(output);
    }
    return status;
  }

  private int compileAndTest(StringBuilder output) {
    String buildMessages = new JavaCompile(step, classPath).compileStale();
    if (buildMessages.isEmpty()) {
      buildMessages = GoBuild.ofStep(step);
    }
    if (!buildMessages.isEmpty()) {
      buildMessages.lines().forEach(l -> output.append("[ERROR] ").append(l).append('\n'));
      return 1;
    }
    Path reports = step.dir().resolve("target/surefire-reports");
    FileText.deleteTree(reports);
    List<String> classes = selected(testClasses(step.dir().resolve("target/test-classes")));
    if (classes.isEmpty()) {
      return 0;
    }
    Map<String, Long> times = TestTimes.read(step);
    List<List<String>> forks = split(classes, times, Math.min(FORKS, classes.size()));
    String methods = methodFilter(classes).orElse("");
    List<WarmTestJvm> jvms = new ArrayList<>();
    List<Path> outputs = new ArrayList<>();
    for (int i = 0; i < forks.size(); i++) {
      Path out = step.dir().resolve("target/workbook/fork-" + i + ".log");
      Path forkReports = step.dir().resolve("target/workbook/reports-" + i);
      FileText.deleteTree(forkReports);
      FileText.write(out, "");
      outputs.add(out);
      WarmTestJvm jvm = WarmTestJvms.get(step, classPath, i);
      jvm.send(forks.get(i), methods, forkReports, out);
      jvms.add(jvm);
    }
    long deadline = System.nanoTime() + timeout.toNanos();
    int status = 0;
    List<String> hung = new ArrayList<>();
    for (int i = 0; i < jvms.size(); i++) {
      WarmTestJvm.Reply reply = jvms.get(i).await(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
      output.append(FileText.read(outputs.get(i)));
      if (reply.failure() != null) {
        WarmTestJvms.retire(step, i);
        if (reply.timedOut()) {
          hung.add("test JVM " + i);
        } else {
          output.append("[ERROR] the test JVM ").append(reply.failure()).append('\n');
          status = Math.max(status, 2);
        }
        continue;
      }
      if (!reply.leftBehind().isEmpty()) {
        // A fresh JVM's end would have taken it along: the next run gets a fresh JVM, as it would have.
        output.append("[workbook] the run left ").append(reply.leftBehind())
            .append(" behind; the next run starts a new test JVM\n");
        WarmTestJvms.retire(step, i);
      }
      // The launcher's own status: 0 every test passed, 1 some failed; anything else is no test result at all.
      if (reply.status() > 1) {
        output.append("[ERROR] JUnit failed in the test JVM (status ").append(reply.status()).append(")\n");
        status = Math.max(status, reply.status());
      }
      moveReport(i, reports);
    }
    if (!hung.isEmpty()) {
      throw new WorkbookException("the tests of " + step.id() + " took more than " + describe(timeout) + ": "
          + String.join(", ", hung) + " ended (what the tests printed: " + outputs.get(0).getParent() + "/fork-*.log)");
    }
    TestTimes.update(step, SurefireReports.classMillis(step.dir()));
    return status;
  }

  private void moveReport(int fork, Path reports) {
    Path report = step.dir().resolve("target/workbook/reports-" + fork + "/TEST-junit-jupiter.xml");
    if (Files.exists(report)) {
      try {
        Files.createDirectories(reports);
        Files.move(report, reports.resolve("TEST-junit-jupiter-" + fork + ".xml"));
      } catch (IOException e) {
        throw new WorkbookException("could not move " + report + ": " + e.getMessage());
      }
    }
  }

  private static String describe(Duration d) {
    return d.toSeconds() >= 60 && d.toSeconds() % 60 == 0 ? d.toMinutes() + " minutes" : d.toSeconds() + " s";
  }

  /** The test classes under {@code dir}, fully qualified, as surefire finds them. */
  static List<String> testClasses(Path dir) {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(f -> TEST_CLASS.matcher(f.getFileName().toString()).matches())
          .map(f -> dir.relativize(f).toString().replaceAll("\\.class$", "").replace(File.separatorChar, '.'))
          .sorted().toList();
    } catch (IOException e) {
      throw new WorkbookException("could not list " + dir + ": " + e.getMessage());
    }
  }

  /** The classes the entries name (all, when none is named). */
  List<String> selected(List<String> all) {
    if (entries.isEmpty()) {
      return all;
    }
    return all.stream().filter(c -> entries.stream().anyMatch(e -> simpleName(c).equals(e.split("#", 2)[0])))
        .toList();
  }

  /**
   * JUnit's {@code MethodFilter.includeMethodNamePatterns} (the console launcher's {@code --include-methodname}) for
   * entries that name methods, which it matches against {@code package.Class#method} (with its parameter types in some
   * versions); none when every entry is a whole class.
   */
  Optional<String> methodFilter(List<String> classes) {
    if (entries.stream().noneMatch(e -> e.contains("#"))) {
      return Optional.empty();
    }
    List<String> alternatives = new ArrayList<>();
    for (String entry : entries) {
      String[] parts = entry.split("#", 2);
      for (String fqcn : classes) {
        if (simpleName(fqcn).equals(parts[0])) {
          alternatives.add(Pattern.quote(fqcn) + "(\\$[^#]*)?#"
              + (parts.length == 2 ? Pattern.quote(parts[1]) + "(\\(.*)?" : ".*"));
        }
      }
    }
    return Optional.of(String.join("|", alternatives));
  }

  private static String simpleName(String fqcn) {
    return fqcn.substring(fqcn.lastIndexOf('.') + 1);
  }

  /** Classes into {@code n} groups of about the same test time (the longest first, each to the least loaded). */
  static List<List<String>> split(List<String> classes, Map<String, Long> times, int n) {
    List<List<String>> groups = new ArrayList<>();
    long[] load = new long[n];
    for (int i = 0; i < n; i++) {
      groups.add(new ArrayList<>());
    }
    Map<String, Long> known = new HashMap<>(times);
    List<String> longestFirst = classes.stream()
        .sorted(Comparator.comparing((String c) -> known.getOrDefault(c, 1000L)).reversed().thenComparing(c -> c))
        .toList();
    for (String c : longestFirst) {
      int least = 0;
      for (int i = 1; i < n; i++) {
        if (load[i] < load[least]) {
          least = i;
        }
      }
      groups.get(least).add(c);
      load[least] += known.getOrDefault(c, 1000L);
    }
    return groups;
  }
}
