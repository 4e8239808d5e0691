package io.gopluginjava.workbook;

import io.gopluginjava.workbook.Ledger.State;
import io.gopluginjava.workbook.Progress.Milestone;
import io.gopluginjava.workbook.Progress.Status;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * rustlings' watch mode: each time a file of the step is saved, run the own tests of the pieces whose code changed,
 * and point at the first piece not done: a TODO to write, or a piece whose tests fail. As soon as a piece's own tests
 * pass, it moves on; after the last piece, it runs the step's end-to-end tests once.
 */
final class Watch {

  private final Workbook workbook;
  private final Progress progress;
  private final CompiledState compiled;

  Watch(Workbook workbook) {
    this.workbook = workbook;
    this.progress = new Progress(workbook);
    this.compiled = new CompiledState(workbook);
  }

  /** Rounds until the step is done ({@code once}: one round); 0 when the step is done, 1 when it is not. */
  int run(Step step, boolean once) {
    workbook.upstreamTodos(step).ifPresent(System.out::println);
    if (!once) {
      System.out.println("Watching " + step.module() + "/src: save a file to re-run the tests of what you changed."
          + " Ctrl-C to stop.");
    }
    String lastSeen = "";
    while (true) {
      String now = Sources.modificationStamp(step.dir().resolve("src"));
      if (!now.equals(lastSeen)) {
        lastSeen = now;
        if (round(step)) {
          return 0;
        }
        if (once) {
          return 1;
        }
        lastSeen = Sources.modificationStamp(step.dir().resolve("src"));
      }
      try {
        Thread.sleep(500); // polling the file tree twice a second is plenty for a person saving files
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return 130;
      }
    }
  }

  /** One round: run what changed, then say where the reader is. True when every piece and the end-to-end set pass. */
  boolean round(Step step) {
    List<Status> statuses = progress.statuses(step);
    List<String> changed = new ArrayList<>();
    List<String> entries = new ArrayList<>();
    for (Status status : statuses) {
      if (status.state() != State.TODO && !status.fresh()) {
        changed.add(status.piece().id());
        entries.addAll(status.piece().tests());
      }
    }
    if (!changed.isEmpty()) {
      System.out.println("== the own tests of " + String.join(", ", changed));
      runAndRecord(step, entries, changed);
      statuses = progress.statuses(step);
    }
    long done = statuses.stream().filter(Status::done).count();
    System.out.println(step.module() + ": " + done + " of " + statuses.size() + " pieces done");
    Optional<Status> current = statuses.stream().filter(s -> !s.done()).findFirst();
    if (current.isPresent()) {
      point(step, current.get());
      System.out.println("   " + progress.milestone(step, statuses).line());
      return false;
    }
    Milestone milestone = progress.milestone(step, statuses);
    if (!milestone.done()) {
      System.out.println("== every piece is done: the end-to-end tests of " + step.id());
      runAndRecord(step, step.endToEnd().tests(), List.of(Results.END_TO_END));
      milestone = progress.milestone(step, progress.statuses(step));
    }
    System.out.println(milestone.line());
    if (milestone.done()) {
      System.out.println("Every piece of " + step.id() + " is done. On to the next step in TUTORIAL.md!");
    }
    return milestone.done();
  }

  private void point(Step step, Status current) {
    Piece piece = current.piece();
    Region region = workbook.regions(step).get(piece.id());
    System.out.println("next: " + piece.qualifiedId() + " — " + piece.title());
    String where = workbook.sources().where(region.file(), region.begin());
    if (current.state() == State.TODO) {
      System.out.println("   a TODO in " + where + ": read TUTORIAL.md#" + piece.anchor() + ", write it and save"
          + " (hint: ./workbook hint " + step.id() + " " + piece.id() + ")");
    } else {
      System.out.println("   its own tests: " + current.tests() + " (the failures are above); " + where
          + ", TUTORIAL.md#" + piece.anchor());
    }
  }

  private void runAndRecord(Step step, List<String> entries, List<String> keys) {
    Map<String, String> fingerprints = progress.fingerprints(step);
    // Only piece bodies changed since the last round's build: javac on the saved files and the tests on the class
    // path that build wrote, without a Maven start (about 2 s of a round). Anything else: a whole Maven build.
    Optional<List<Path>> classPath = compiled.onlyPieceBodiesChanged(step)
        ? StepClassPath.lastBuilt(workbook.root(), step) : Optional.empty();
    int status = classPath.isPresent()
        ? new ClassPathTestRun(step, classPath.get()).tests(entries).run()
        : new MavenTestRun(workbook.root(), step).tests(entries).run();
    if (status != 0) {
      System.out.println("   the build failed (see above): fix it and save again");
      return;
    }
    compiled.record(step);
    progress.record(step, SurefireReports.read(step.dir()), keys, fingerprints, System.currentTimeMillis());
  }
}
