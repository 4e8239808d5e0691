package io.gopluginjava.workbook;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The outcome of the last {@code mvn test} of a step, when nothing it ran on changed since: CI runs {@code mvn test}
 * just before {@code ./workbook verify}, and its reports already prove what verify's "every piece written" run would
 * (the same tests on the same reference code). It stands in for that run only when every report Surefire wrote is
 * newer than every source and pom of the step and of what it builds on, and it holds every test the run would have
 * run. Classes do not count: a later {@code mvn package} recompiles the same sources when the steps' class folders
 * become jars. Take it before verify stubs anything: stubbing and restoring a source makes it newer than the reports.
 */
final class LastMavenRun {

  private LastMavenRun() {}

  /** The run's outcome, for the tests {@code entries} name; empty when a report is missing or older than a file. */
  static Optional<Verifier.Outcome> of(Workbook workbook, Step step, Collection<String> entries) {
    SurefireReports reports = SurefireReports.readMaven(step.dir());
    if (reports.all().isEmpty() || reports.oldest() <= newestInput(workbook, step)) {
      return Optional.empty();
    }
    for (String entry : entries) {
      if (reports.all().stream().noneMatch(test -> SurefireReports.names(entry, test))) {
        return Optional.empty(); // a run of some tests only (-Dtest=...), or a test added since
      }
    }
    var ran = SurefireReports.expand(entries, reports.all());
    Map<String, String> failures = reports.failures().entrySet().stream().filter(e -> ran.contains(e.getKey()))
        .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    return Optional.of(new Verifier.Outcome(failures, ran, null, 0));
  }

  /** When the newest file the step's tests depend on was written: its sources and poms, and those it builds on. */
  private static long newestInput(Workbook workbook, Step step) {
    List<Path> modules = new ArrayList<>(List.of(workbook.root().resolve("workbook-tool")));
    workbook.stepsUpTo(step).forEach(built -> modules.add(built.dir()));
    long newest = FileText.lastModified(workbook.root().resolve("pom.xml"));
    for (Path module : modules) {
      newest = Math.max(newest, FileText.lastModified(module.resolve("pom.xml")));
      newest = Math.max(newest, CompiledState.newestFile(module.resolve("src")));
    }
    return newest;
  }
}
