package io.gopluginjava.workbook;

import java.nio.file.Path;
import java.util.List;

/** One step of the tutorial: a directory {@code stepNN-slug} with a {@code workbook.toml}. */
public record Step(String id, Path dir, List<Piece> pieces, EndToEnd endToEnd) {

  public Piece piece(String pieceId) {
    return pieces.stream().filter(p -> p.id().equals(pieceId)).findFirst().orElseThrow(() -> new WorkbookException(
        "step " + id + " has no piece \"" + pieceId + "\"; its pieces are " + pieces.stream().map(Piece::id).toList()));
  }

  /** The directory's name, which is what {@code mvn -pl} takes. */
  public String module() {
    return dir.getFileName().toString();
  }
}
