package io.gopluginjava.workbook;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("watch recompiles only the saved files when nothing but piece bodies changed since its last build")
class CompiledStateTest {

  @TempDir
  Path root;

  private FakeRepository repo;
  private CompiledState compiled;
  private Path classFile;

  @BeforeEach
  void builtOnce() throws Exception {
    repo = new FakeRepository(root);
    classFile = FakeRepository.write(root.resolve("step01-fake/target/classes/demo/Plugin.class"), "bytes");
    compiled = new CompiledState(repo.workbook);
    compiled.record(repo.step());
  }

  @Test
  @DisplayName("a reader who wrote inside a piece gets the quick compile")
  void pieceBodyOnly() {
    repo.writePiece("parse", "    return line.length();\n");

    assertThat(compiled.onlyPieceBodiesChanged(repo.step())).as("only parse's body changed").isTrue();
  }

  @Test
  @DisplayName("a changed line outside the pieces (a signature, a constant) asks for a whole build")
  void lineOutsideAPiece() {
    FakeRepository.write(repo.source, repo.source().replace("static int parse", "static long parse"));

    assertThat(compiled.onlyPieceBodiesChanged(repo.step())).as("parse's signature changed").isFalse();
  }

  @Test
  @DisplayName("a new source file asks for a whole build")
  void newFile() {
    FakeRepository.write(root.resolve("step01-fake/src/main/java/demo/Helper.java"), "package demo;\nclass Helper {}\n");

    assertThat(compiled.onlyPieceBodiesChanged(repo.step())).as("a file was added").isFalse();
  }

  @Test
  @DisplayName("classes built by something else since (plain mvn) ask for a whole build")
  void builtElsewhere() throws Exception {
    Files.setLastModifiedTime(classFile, FileTime.fromMillis(Files.getLastModifiedTime(classFile).toMillis() + 5000));

    assertThat(compiled.onlyPieceBodiesChanged(repo.step())).as("the classes changed after the record").isFalse();
  }

  @Test
  @DisplayName("without a recorded build, the first round builds everything")
  void nothingRecorded() {
    FakeRepository fresh = new FakeRepository(root.resolve("fresh"));

    assertThat(new CompiledState(fresh.workbook).onlyPieceBodiesChanged(fresh.step())).as("no record yet").isFalse();
  }
}
