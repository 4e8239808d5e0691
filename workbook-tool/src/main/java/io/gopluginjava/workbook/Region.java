package io.gopluginjava.workbook;

import java.nio.file.Path;
import java.util.List;

/** Where a piece's code is: the lines strictly between its begin and end markers (indexes from 0). */
public record Region(Path file, String pieceId, int begin, int end, String indent, List<String> body) {

  /** The 1-based number of the body's first line. */
  int firstLine() {
    return begin + 2;
  }

  /** Whether a 1-based line number of the file lies in the body. */
  boolean holdsLine(int lineNumber) {
    return lineNumber > begin + 1 && lineNumber <= end;
  }

  Language language() {
    return Language.of(file).orElseThrow(() -> new WorkbookException(file.getFileName()
        + ": pieces can be written in " + Language.extensions() + " files only"));
  }

  boolean isStub() {
    return language().isStub(body);
  }

  /** The stub that stands in for a piece: one line, at the piece's indentation, that fails with its message. */
  String stubLine(Piece piece) {
    return language().stub(piece, indent);
  }
}
