package io.gopluginjava.step04;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** TUTORIAL.md's table of the matrix says what PolyglotMatrixTest runs, no more and no less. */
@DisplayName("the matrix table in TUTORIAL.md")
class MatrixTableTest {

  private static final String BEGIN = "<!-- matrix: generated from step04's Matrix.java, checked by MatrixTableTest -->\n";
  private static final String END = "<!-- /matrix -->";

  @Test
  @DisplayName("lists exactly the cells the matrix test runs")
  void tableMatchesTheTests() throws Exception {
    String tutorial = Files.readString(Path.of("../TUTORIAL.md"), StandardCharsets.UTF_8);
    int begin = tutorial.indexOf(BEGIN);
    int end = tutorial.indexOf(END, begin);

    assertThat(begin).as("TUTORIAL.md has the matrix block, starting with %s", BEGIN.strip()).isNotNegative();
    assertThat(tutorial.substring(begin + BEGIN.length(), end))
        .as("the table between the matrix markers (paste the expected text there)")
        .isEqualTo(Matrix.markdownTable());
  }
}
