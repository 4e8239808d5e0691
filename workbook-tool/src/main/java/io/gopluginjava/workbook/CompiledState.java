package io.gopluginjava.workbook;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Whether {@code watch} may recompile only the files a reader saved and run the tests on the last build's class path
 * ({@link ClassPathTestRun}), as the verifier does, instead of a whole Maven build of the step. That is safe when
 * nothing changed but the bodies of pieces since the classes were last built by a run this class {@linkplain #record
 * recorded}: a method body's code never ends up in another class's bytecode, while a signature or a constant outside
 * a piece can. Anything else (a changed line outside a piece, a build by plain {@code mvn}, no record yet) asks for a
 * whole build.
 */
final class CompiledState {

  private final Workbook workbook;

  CompiledState(Workbook workbook) {
    this.workbook = workbook;
  }

  /** True when only piece bodies changed since the recorded build of {@code step} and the steps it builds on. */
  boolean onlyPieceBodiesChanged(Step step) {
    Path record = file(step);
    return Files.exists(record) && FileText.read(record).equals(current(step));
  }

  /** Remembers the sources' outline and the classes' build times, after a run that built {@code step}. */
  void record(Step step) {
    FileText.write(file(step), current(step));
  }

  private String current(Step step) {
    List<String> parts = new ArrayList<>();
    for (Step built : workbook.stepsUpTo(step)) {
      for (String tree : List.of("src/main/java", "src/test/java")) {
        for (Path source : Sources.files(built.dir().resolve(tree))) {
          parts.add(workbook.root().relativize(source) + " " + outline(source));
        }
      }
      for (String classes : List.of("target/classes", "target/test-classes")) {
        parts.add(built.module() + "/" + classes + " built " + newestFile(built.dir().resolve(classes)));
      }
    }
    return String.join("\n", parts) + "\n";
  }

  /** A file's hash with the bodies of its pieces left out. */
  private String outline(Path source) {
    List<String> lines = FileText.readLines(source);
    List<String> kept = new ArrayList<>();
    int next = 0;
    for (Region region : workbook.sources().regionsIn(source, lines)) {
      kept.addAll(lines.subList(next, region.begin() + 1));
      next = region.end();
    }
    kept.addAll(lines.subList(next, lines.size()));
    return FileText.sha256(String.join("\n", kept));
  }

  static long newestFile(Path dir) {
    if (!Files.isDirectory(dir)) {
      return 0;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(Files::isRegularFile).mapToLong(f -> {
        try {
          return Files.getLastModifiedTime(f).toMillis();
        } catch (IOException e) {
          return Long.MAX_VALUE; // gone while we looked: not the state we recorded
        }
      }).max().orElse(0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private Path file(Step step) {
    return workbook.root().resolve(".workbook/compiled").resolve(step.id() + ".txt");
  }
}
