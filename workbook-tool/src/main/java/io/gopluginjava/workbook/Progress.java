package io.gopluginjava.workbook;

import io.gopluginjava.workbook.Ledger.State;
import io.gopluginjava.workbook.Results.Result;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Where the reader is in a step: each piece's code (TODO or written) and the result of its own tests on that code,
 * then the end-to-end milestone. A result counts only while the code it ran on is unchanged (its fingerprint): a
 * piece is done when it is not a TODO and its own tests passed on the code as it is now.
 */
final class Progress {

  /** One piece now. */
  record Status(Piece piece, State state, Result result, boolean fresh) {
    boolean done() {
      return state != State.TODO && fresh && result.passing();
    }

    String tests() {
      if (result == null) {
        return state == State.TODO ? "-" : "not run";
      }
      return fresh ? result.summary() : "stale: changed since the run (" + result.summary() + ")";
    }
  }

  /** The step's end-to-end tests: waiting for the pieces not done yet, then passing or failing. */
  record Milestone(EndToEnd endToEnd, List<Piece> waitingFor, Result result, boolean fresh) {
    boolean done() {
      return endToEnd.tests().isEmpty() || waitingFor.isEmpty() && fresh && result.passing();
    }

    String line() {
      String what = "end to end" + (endToEnd.title().isEmpty() ? "" : " (" + endToEnd.title() + ")") + ": ";
      if (endToEnd.tests().isEmpty()) {
        return what + "none for this step";
      }
      if (!waitingFor.isEmpty()) {
        return what + "waits for " + String.join(", ", waitingFor.stream().map(Piece::id).toList());
      }
      return what + (result == null ? "not run yet" : fresh ? result.summary() : "stale: code changed since the run");
    }
  }

  private final Workbook workbook;

  Progress(Workbook workbook) {
    this.workbook = workbook;
  }

  /** Each piece's status, after taking in the reports of a test run made outside the workbook (mvn test, say). */
  List<Status> statuses(Step step) {
    Map<String, Region> regions = workbook.regions(step);
    takeIn(step, SurefireReports.read(step.dir()), regions);
    Map<String, Result> results = workbook.results().of(step.id());
    List<Status> statuses = new ArrayList<>();
    for (Piece piece : step.pieces()) {
      Region region = regions.get(piece.id());
      Result result = results.get(piece.id());
      boolean fresh = result != null && result.fingerprint().equals(workbook.sources().fingerprint(region));
      statuses.add(new Status(piece, workbook.state(piece, region), result, fresh));
    }
    return statuses;
  }

  Milestone milestone(Step step, List<Status> statuses) {
    Result result = workbook.results().of(step.id()).get(Results.END_TO_END);
    boolean fresh = result != null && result.fingerprint().equals(fingerprints(step).get(Results.END_TO_END));
    return new Milestone(step.endToEnd(), statuses.stream().filter(s -> !s.done()).map(Status::piece).toList(),
        result, fresh);
  }

  void print(Step step) {
    List<Status> statuses = statuses(step);
    List<String[]> rows = new ArrayList<>();
    for (Status status : statuses) {
      rows.add(new String[] {String.valueOf(rows.size() + 1), status.piece().id(), status.state().label(),
          status.tests(), "TUTORIAL.md#" + status.piece().anchor()});
    }
    long done = statuses.stream().filter(Status::done).count();
    System.out.println(step.module() + ": " + done + " of " + statuses.size() + " pieces done");
    System.out.print(Table.of(List.of("#", "piece", "code", "its own tests (on this code)", "read"), rows));
    System.out.println(milestone(step, statuses).line());
    System.out.println();
  }

  /** What each piece's result depends on, and (under {@link Results#END_TO_END}) what the step's does. */
  Map<String, String> fingerprints(Step step) {
    Map<String, Region> regions = workbook.regions(step);
    Map<String, String> fingerprints = new LinkedHashMap<>();
    for (Piece piece : step.pieces()) {
      fingerprints.put(piece.id(), workbook.sources().fingerprint(regions.get(piece.id())));
    }
    fingerprints.put(Results.END_TO_END, FileText.sha256(String.join("\n", fingerprints.values())));
    return fingerprints;
  }

  /**
   * Remembers a run's results for {@code keys} (piece ids, {@link Results#END_TO_END}), on the code as it was when
   * the run started ({@code fingerprints}): a file saved during the run leaves the result stale.
   */
  void record(Step step, SurefireReports reports, Collection<String> keys, Map<String, String> fingerprints,
      long time) {
    Map<String, Result> updates = new LinkedHashMap<>();
    for (String key : keys) {
      List<String> entries = entries(step, key);
      Set<String> tests = reports.expand(entries);
      long passed = tests.stream().filter(reports::passed).count();
      int total = Math.max(tests.size(), entries.size());
      updates.put(key, new Result(fingerprints.get(key), (int) passed, total, time));
    }
    workbook.results().put(step.id(), updates);
  }

  /**
   * Takes in the reports of a run the workbook did not make: a piece's result counts when the reports cover all its
   * own tests, are newer than its file and than the result known so far.
   */
  private void takeIn(Step step, SurefireReports reports, Map<String, Region> regions) {
    if (reports.all().isEmpty()) {
      return;
    }
    Map<String, Result> known = workbook.results().of(step.id());
    Map<String, String> fingerprints = fingerprints(step);
    List<String> keys = new ArrayList<>(step.pieces().stream().map(Piece::id).toList());
    keys.add(Results.END_TO_END);
    for (String key : keys) {
      List<String> entries = entries(step, key);
      boolean covered = entries.stream()
          .allMatch(e -> reports.all().stream().anyMatch(t -> SurefireReports.names(e, t)));
      if (entries.isEmpty() || !covered) {
        continue;
      }
      long reported = reports.expand(entries).stream().mapToLong(t -> reports.times().get(t)).min().orElse(0);
      List<Path> files = key.equals(Results.END_TO_END)
          ? regions.values().stream().map(Region::file).distinct().toList()
          : List.of(regions.get(key).file());
      Result result = known.get(key);
      if (files.stream().allMatch(f -> modified(f) <= reported) && (result == null || result.time() < reported)) {
        record(step, reports, List.of(key), fingerprints, reported);
      }
    }
  }

  private static List<String> entries(Step step, String key) {
    return key.equals(Results.END_TO_END) ? step.endToEnd().tests() : step.piece(key).tests();
  }

  private static long modified(Path file) {
    try {
      return Files.getLastModifiedTime(file).toMillis();
    } catch (IOException e) {
      return Long.MAX_VALUE;
    }
  }
}
