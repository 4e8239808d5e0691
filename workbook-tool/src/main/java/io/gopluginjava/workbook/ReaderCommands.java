package io.gopluginjava.workbook;

import io.gopluginjava.workbook.Backups.Backup;
import io.gopluginjava.workbook.Ledger.Mark;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The commands that change a reader's pieces: start, reveal, reset and restore (and hint, which only reads). None of
 * them loses the reader's code: whatever they replace that is not a stub or the reference is saved first.
 */
final class ReaderCommands {

  /** Asks the reader a yes/no question; {@code reset} does before it rewrites a step. */
  interface Confirmation {
    boolean ask(String question);
  }

  private final Workbook workbook;

  ReaderCommands(Workbook workbook) {
    this.workbook = workbook;
  }

  /**
   * Turns the step's pieces into TODOs, except those the reader has: a piece the ledger knows that is no longer a
   * stub (written or revealed since a start), and a piece whose code differs from the reference. So a second start
   * changes nothing.
   */
  int start(Step step) {
    List<String> problems = workbook.consistencyProblems(step);
    if (!problems.isEmpty()) {
      throw new WorkbookException("the workbook of " + step.id() + " is inconsistent:\n  "
          + String.join("\n  ", problems));
    }
    workbook.upstreamTodos(step).ifPresent(System.out::println);
    Map<String, Mark> marks = workbook.ledger().of(step.id());
    List<String> kept = new ArrayList<>();
    int stubbed = 0;
    for (Piece piece : step.pieces()) {
      Region region = workbook.regions(step).get(piece.id());
      if (region.isStub()) {
        marks.putIfAbsent(piece.id(), Mark.STARTED);
        workbook.ledger().mark(piece, marks.get(piece.id()));
        continue;
      }
      if (marks.containsKey(piece.id())) {
        kept.add(piece.id());
        continue;
      }
      if (!workbook.references().holds(piece, region)) {
        workbook.ledger().mark(piece, Mark.KEPT);
        kept.add(piece.id());
        continue;
      }
      workbook.references().save(piece, region.body());
      Sources.replace(region, List.of(region.stubLine(piece)));
      workbook.ledger().mark(piece, Mark.STARTED);
      stubbed++;
    }
    System.out.println(step.id() + ": " + stubbed + " piece(s) turned into TODOs" + (kept.isEmpty() ? ""
        : "; your code in " + kept + " is left as it is (./workbook reset " + step.id() + " starts over)"));
    System.out.println();
    new Progress(workbook).print(step);
    System.out.println("Next: read TUTORIAL.md#" + step.pieces().get(0).anchor() + ", then run ./workbook watch "
        + step.id() + " (or mvn test -pl " + step.module() + ").");
    return 0;
  }

  int hint(Step step, String pieceId) {
    Piece piece = step.piece(pieceId);
    Region region = workbook.regions(step).get(pieceId);
    System.out.println(piece.qualifiedId() + ": " + piece.title());
    System.out.println("  where:         " + workbook.sources().where(region.file(), region.begin()));
    System.out.println("  read:          TUTORIAL.md#" + piece.anchor());
    System.out.println("  its own tests: " + String.join(", ", piece.tests()));
    System.out.println("  hint:          " + piece.hint());
    return 0;
  }

  int reveal(Step step, String pieceId) {
    Piece piece = step.piece(pieceId);
    Region region = workbook.regions(step).get(pieceId);
    Optional<Backup> backup = putReference(piece, region, workbook.backups().newStamp());
    if (!workbook.ledger().of(step.id()).isEmpty()) {
      workbook.ledger().mark(piece, Mark.REVEALED);
    }
    String where = workbook.sources().where(region.file(), region.begin());
    System.out.println("Revealed " + piece.qualifiedId() + " in " + where + ":");
    workbook.references().of(piece, region).orElseThrow().forEach(line -> System.out.println("  " + line));
    backup.ifPresent(b -> System.out.println("Your version was saved in " + workbook.root().relativize(b.file())
        + " (./workbook restore " + step.id() + " " + piece.id() + " puts it back)"));
    return 0;
  }

  /** Puts the reference code back in every piece, after asking; the reader's versions are saved first. */
  int reset(Step step, Confirmation confirmation) {
    Map<String, Region> regions = workbook.regions(step);
    List<Piece> differing = step.pieces().stream()
        .filter(p -> regions.get(p.id()).isStub() || !workbook.references().holds(p, regions.get(p.id())))
        .toList();
    if (differing.isEmpty()) {
      workbook.ledger().forget(step.id());
      System.out.println(step.id() + ": every piece holds the reference code already.");
      return 0;
    }
    long todos = differing.stream().filter(p -> regions.get(p.id()).isStub()).count();
    if (!confirmation.ask("Put the reference code back in " + differing.size() + " piece(s) of " + step.id() + " ("
        + todos + " TODO, " + (differing.size() - todos) + " with your code, which is saved first)?")) {
      System.out.println("Nothing changed.");
      return 1;
    }
    String stamp = workbook.backups().newStamp();
    List<Backup> saved = new ArrayList<>();
    for (Piece piece : differing) {
      putReference(piece, workbook.regions(step).get(piece.id()), stamp).ifPresent(saved::add);
    }
    workbook.ledger().forget(step.id());
    System.out.println(step.id() + ": every piece holds the reference code again.");
    if (!saved.isEmpty()) {
      System.out.println("Your versions of " + saved.stream().map(b -> b.file().getFileName().toString()
          .replaceAll("\\.txt$", "")).toList() + " were saved in .workbook/backups/" + stamp
          + " (./workbook restore " + step.id() + " <piece> puts one back)");
    }
    return 0;
  }

  /**
   * Puts a saved version of a piece back: the one named, or the only one. With several and none named, lists them.
   * The piece's current code is saved first (unless it is a stub), so a restore can be undone by another.
   */
  int restore(Step step, String pieceId, String wanted) {
    Piece piece = step.piece(pieceId);
    List<Backup> backups = workbook.backups().of(piece);
    if (backups.isEmpty()) {
      throw new WorkbookException("no saved version of " + piece.qualifiedId() + ": reveal, reset and restore save"
          + " the code they replace in .workbook/backups/, and none has replaced this piece yet");
    }
    Backup chosen;
    if (wanted != null) {
      List<Backup> matching = backups.stream().filter(b -> b.stamp().startsWith(wanted)).toList();
      if (matching.size() != 1) {
        list(step, piece, backups, (matching.isEmpty() ? "no" : matching.size()) + " saved versions of "
            + piece.qualifiedId() + " match \"" + wanted + "\"; there are:");
        return 1;
      }
      chosen = matching.get(0);
    } else if (backups.size() == 1) {
      chosen = backups.get(0);
    } else {
      list(step, piece, backups, piece.qualifiedId() + " has " + backups.size() + " saved versions, newest first:");
      return 1;
    }
    Region region = workbook.regions(step).get(pieceId);
    List<String> lines = chosen.lines();
    if (region.body().equals(lines)) {
      System.out.println(piece.qualifiedId() + " holds that version already.");
      return 0;
    }
    Optional<Backup> saved = region.isStub() ? Optional.empty()
        : Optional.of(workbook.backups().save(piece, region.body(), workbook.backups().newStamp()));
    Sources.replace(region, lines);
    workbook.ledger().mark(piece, Mark.RESTORED);
    String where = workbook.sources().where(region.file(), region.begin());
    System.out.println("Restored " + piece.qualifiedId() + " in " + where + " from .workbook/backups/" + chosen.stamp()
        + ".");
    saved.ifPresent(b -> System.out.println("What it held was saved in " + workbook.root().relativize(b.file())
        + " (./workbook restore " + step.id() + " " + piece.id() + " " + b.stamp() + " puts it back)"));
    return 0;
  }

  private static void list(Step step, Piece piece, List<Backup> backups, String heading) {
    System.out.println(heading);
    for (Backup backup : backups) {
      List<String> lines = backup.lines();
      String first = lines.stream().map(String::strip).filter(l -> !l.isEmpty()).findFirst().orElse("");
      System.out.println("  " + backup.stamp() + "  " + lines.size() + " line(s): " + first);
    }
    System.out.println("Name one: ./workbook restore " + step.id() + " " + piece.id() + " " + backups.get(0).stamp());
  }

  /** Puts a piece's reference code back; whatever the reader had written there is saved first. */
  private Optional<Backup> putReference(Piece piece, Region region, String stamp) {
    List<String> reference = workbook.references().of(piece, region).orElseThrow(() -> new WorkbookException(
        "no reference code for " + piece.qualifiedId() + ": neither .workbook/reference nor git HEAD has it"));
    if (reference.equals(region.body())) {
      return Optional.empty();
    }
    Optional<Backup> backup = region.isStub() ? Optional.empty()
        : Optional.of(workbook.backups().save(piece, region.body(), stamp));
    Sources.replace(region, reference);
    return backup;
  }
}
