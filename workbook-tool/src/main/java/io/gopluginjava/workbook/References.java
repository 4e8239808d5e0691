package io.gopluginjava.workbook;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The reference code of each piece: the copy {@code start} saved under {@code .workbook/reference/}, or else the
 * piece as committed in git (so the author's own edits count as reference once committed).
 */
final class References {

  private final Path root;
  private final Sources sources;

  References(Path root, Sources sources) {
    this.root = root;
    this.sources = sources;
  }

  Optional<List<String>> of(Piece piece, Region region) {
    return saved(piece).or(() -> committed(region));
  }

  /** Whether the region holds the reference code; true too when no reference is known at all. */
  boolean holds(Piece piece, Region region) {
    Optional<List<String>> saved = saved(piece);
    Optional<List<String>> committed = committed(region);
    return saved.isEmpty() && committed.isEmpty() || saved.equals(Optional.of(region.body()))
        || committed.equals(Optional.of(region.body()));
  }

  void save(Piece piece, List<String> body) {
    FileText.writeLines(file(piece), body);
  }

  private Optional<List<String>> saved(Piece piece) {
    Path saved = file(piece);
    return Files.exists(saved) ? Optional.of(FileText.readLines(saved)) : Optional.empty();
  }

  private Path file(Piece piece) {
    return root.resolve(".workbook/reference").resolve(piece.step()).resolve(piece.id() + ".txt");
  }

  /** The piece's body in git's HEAD, unless that is a stub (someone committed a started step). */
  private Optional<List<String>> committed(Region region) {
    String path = root.relativize(region.file()).toString().replace('\\', '/');
    try {
      Process git = new ProcessBuilder("git", "show", "HEAD:" + path)
          .directory(root.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
      String text = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (git.waitFor() != 0) {
        return Optional.empty();
      }
      return sources.regionsIn(region.file(), text.lines().toList()).stream()
          .filter(r -> r.pieceId().equals(region.pieceId()))
          .findFirst()
          .filter(r -> !r.isStub())
          .map(Region::body);
    } catch (IOException | WorkbookException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }
}
