package io.gopluginjava.workbook;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * Finds the workbook piece that a failure was thrown in, from its stack trace and the marked sources, so that the
 * failure can name the piece in its message: surefire trims stack traces to the test's own lines, and the reader
 * would not see that a Gson error came from the piece they just wrote.
 */
final class PieceLocator {

  private final Path root;
  private final Sources sources;
  private final Map<Path, List<Region>> regions = new ConcurrentHashMap<>();
  private final Map<Path, Optional<Manifest>> manifests = new ConcurrentHashMap<>();

  PieceLocator(Path root) {
    this.root = root;
    this.sources = new Sources(root);
  }

  /** The repository around the working directory (a test runs in its step's directory), if there is one. */
  static Optional<PieceLocator> aroundWorkingDirectory() {
    Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath();
    for (; dir != null; dir = dir.getParent()) {
      try (Stream<Path> children = Files.list(dir)) {
        if (children.anyMatch(c -> c.getFileName().toString().matches("step\\d\\d-.+")
            && Files.exists(c.resolve("workbook.toml")))) {
          return Optional.of(new PieceLocator(dir));
        }
      } catch (IOException e) {
        return Optional.empty();
      }
    }
    return Optional.empty();
  }

  /**
   * A line naming the piece the failure (or its deepest cause that passed through a piece) was thrown in:
   * {@code in piece step01/netrpc-client-call (NetRpcClient.java:58): java.lang.IndexOutOfBoundsException: ... —
   * read TUTORIAL.md#netrpc-requests-and-responses}. Failed assertions are the test's own, and the runtime's typed exceptions
   * ({@code io.gopluginjava.*}) say what went wrong by design: only the others (a JDK or library exception that a
   * piece let through) are traced to a piece.
   */
  Optional<String> explain(Throwable failure) {
    List<Throwable> chain = new ArrayList<>();
    Set<Throwable> seen = new HashSet<>();
    for (Throwable t = failure; t != null && seen.add(t); t = t.getCause()) {
      chain.add(t);
    }
    Collections.reverse(chain);
    for (Throwable thrown : chain) {
      if (thrown instanceof AssertionError || thrown.getClass().getName().startsWith("io.gopluginjava.")) {
        continue;
      }
      for (StackTraceElement frame : thrown.getStackTrace()) {
        Optional<String> piece = piece(frame);
        if (piece.isPresent()) {
          String message = thrown.getMessage() == null ? "" : ": " + thrown.getMessage().lines().findFirst().orElse("");
          return Optional.of("in piece " + piece.get().replace("{where}", frame.getFileName() + ":"
              + frame.getLineNumber()).replace("{what}", thrown.getClass().getName() + message));
        }
      }
    }
    return Optional.empty();
  }

  /** {@code step/piece ({where}): {what} — read TUTORIAL.md#anchor} for a frame inside a written piece. */
  private Optional<String> piece(StackTraceElement frame) {
    if (frame.getFileName() == null || frame.getLineNumber() < 0 || !frame.getClassName().contains(".")) {
      return Optional.empty();
    }
    String className = frame.getClassName();
    String folder = className.substring(0, className.lastIndexOf('.')).replace('.', '/');
    for (Path stepDir : stepDirs()) {
      Path file = stepDir.resolve("src/main/java").resolve(folder).resolve(frame.getFileName());
      if (!Files.isRegularFile(file)) {
        continue;
      }
      for (Region region : regions.computeIfAbsent(file, this::regionsOf)) {
        if (region.holdsLine(frame.getLineNumber()) && !region.isStub()) {
          return manifests.computeIfAbsent(stepDir, this::manifestOf)
              .flatMap(m -> m.pieces().stream().filter(p -> p.id().equals(region.pieceId())).findFirst())
              .map(p -> p.qualifiedId() + " ({where}): {what} — read TUTORIAL.md#" + p.anchor());
        }
      }
    }
    return Optional.empty();
  }

  private List<Path> stepDirs() {
    try (Stream<Path> dirs = Files.list(root)) {
      return dirs.filter(d -> Files.exists(d.resolve("workbook.toml"))).sorted().toList();
    } catch (IOException e) {
      return List.of();
    }
  }

  private List<Region> regionsOf(Path file) {
    try {
      return sources.regionsIn(file, FileText.readLines(file));
    } catch (WorkbookException e) {
      return List.of();
    }
  }

  private Optional<Manifest> manifestOf(Path stepDir) {
    try {
      String id = stepDir.getFileName().toString().substring(0, "stepNN".length());
      return Optional.of(Manifest.read(stepDir.resolve("workbook.toml"), id));
    } catch (WorkbookException | StringIndexOutOfBoundsException e) {
      return Optional.empty();
    }
  }
}
