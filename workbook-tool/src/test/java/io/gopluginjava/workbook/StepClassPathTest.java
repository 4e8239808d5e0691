package io.gopluginjava.workbook;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("the class path a step's Maven build wrote, for runs without Maven")
class StepClassPathTest {

  @TempDir
  Path root;

  @Test
  @DisplayName("is current until a pom changes, and again after the next Maven build, which may leave the file as it was")
  void stalenessFollowsThePoms() throws Exception {
    FakeRepository repo = new FakeRepository(root);
    Path pom = FakeRepository.write(root.resolve("step01-fake/pom.xml"), "<project/>");
    Path file = FakeRepository.write(repo.step().dir().resolve(StepClassPath.FILE), "/m2/a.jar\n");
    Files.setLastModifiedTime(pom, FileTime.fromMillis(1_000_000));
    Files.setLastModifiedTime(file, FileTime.fromMillis(2_000_000));

    assertThat(StepClassPath.lastBuilt(root, repo.step())).as("the class path after the build")
        .hasValueSatisfying(entries -> assertThat(entries).as("its entries").endsWith(Path.of("/m2/a.jar"))
            .first().isEqualTo(repo.step().dir().resolve("target/test-classes").toAbsolutePath()));

    Files.setLastModifiedTime(pom, FileTime.fromMillis(3_000_000));
    assertThat(StepClassPath.lastBuilt(root, repo.step())).as("after a pom changed").isEmpty();

    StepClassPath.built(repo.step());
    assertThat(StepClassPath.lastBuilt(root, repo.step())).as("after the next Maven build").isPresent();
  }
}
