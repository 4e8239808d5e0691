package io.gopluginjava.workbook;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The reader's versions of pieces, saved before any command rewrites them: {@code .workbook/backups/<stamp>/<step>/
 * <piece>.txt}, one stamp per command. {@code ./workbook restore} puts one back.
 */
final class Backups {

  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS");

  /** One saved version of a piece. */
  record Backup(String stamp, Path file) {
    List<String> lines() {
      return FileText.readLines(file);
    }
  }

  private final Path dir;

  Backups(Path root) {
    this.dir = root.resolve(".workbook/backups");
  }

  /** A stamp no earlier command used, so that two commands in one millisecond never share a folder. */
  String newStamp() {
    LocalDateTime now = LocalDateTime.now();
    while (Files.exists(dir.resolve(now.format(STAMP)))) {
      now = now.plusNanos(1_000_000);
    }
    return now.format(STAMP);
  }

  Backup save(Piece piece, List<String> body, String stamp) {
    Path file = dir.resolve(stamp).resolve(piece.step()).resolve(piece.id() + ".txt");
    FileText.writeLines(file, body);
    return new Backup(stamp, file);
  }

  /** The saved versions of a piece, newest first. */
  List<Backup> of(Piece piece) {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> stamps = Files.list(dir)) {
      return stamps.map(stamp -> new Backup(stamp.getFileName().toString(),
              stamp.resolve(piece.step()).resolve(piece.id() + ".txt")))
          .filter(backup -> Files.isRegularFile(backup.file()))
          .sorted(Comparator.comparing(Backup::stamp).reversed())
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
