package io.gopluginjava.workbook;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What the workbook has handed to the reader, per step, in {@code .workbook/ledger/<step>.txt}: which pieces
 * {@code start} turned into TODOs, and which were revealed, restored or kept as the reader had them. A piece in the
 * ledger that is no longer a stub is the reader's: {@code start} never turns it back into a TODO, even when it is
 * equal to the reference. {@code reset} takes the step out of the ledger.
 */
final class Ledger {

  /** Why a piece is in the ledger. */
  enum Mark { STARTED, REVEALED, RESTORED, KEPT }

  /** What a piece holds now. */
  enum State {
    /** The stub: the reader has still to write it. */
    TODO,
    /** The reader's code (or the reference, typed back in by the reader: after a start that is the reader's too). */
    WRITTEN,
    /** The reference code, put back by {@code reveal}. */
    REVEALED,
    /** The reference code, and the step was never started (or was reset since). */
    REFERENCE;

    String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  private final Path root;

  Ledger(Path root) {
    this.root = root;
  }

  Map<String, Mark> of(String stepId) {
    Map<String, Mark> marks = new LinkedHashMap<>();
    Path file = file(stepId);
    if (Files.exists(file)) {
      for (String line : FileText.readLines(file)) {
        String[] parts = line.split("=", 2);
        if (parts.length == 2) {
          marks.put(parts[0].strip(), Mark.valueOf(parts[1].strip().toUpperCase(Locale.ROOT)));
        }
      }
    }
    return marks;
  }

  void mark(Piece piece, Mark mark) {
    Map<String, Mark> marks = of(piece.step());
    marks.put(piece.id(), mark);
    write(piece.step(), marks);
  }

  void forget(String stepId) {
    write(stepId, Map.of());
  }

  private void write(String stepId, Map<String, Mark> marks) {
    List<String> lines = new ArrayList<>();
    marks.forEach((id, mark) -> lines.add(id + "=" + mark.name().toLowerCase(Locale.ROOT)));
    if (lines.isEmpty()) {
      FileText.deleteTree(file(stepId));
    } else {
      FileText.writeLines(file(stepId), lines);
    }
  }

  private Path file(String stepId) {
    return root.resolve(".workbook/ledger").resolve(stepId + ".txt");
  }
}
