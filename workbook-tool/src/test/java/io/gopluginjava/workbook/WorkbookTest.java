package io.gopluginjava.workbook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("the workbook")
class WorkbookTest {

  private final Workbook repository = new Workbook(Path.of(".."));

  @Test
  @DisplayName("every code excerpt in TUTORIAL.md is exactly its tagged region, every sample output its recorded run")
  void tutorialExcerptsMatchTheirSources() {
    assertThat(repository.excerptProblems(false)).as("excerpts and outputs out of date (fix: ./workbook excerpts --write)")
        .isEmpty();
  }

  @Test
  @DisplayName("the TODO line TUTORIAL.md shows is the one the cookie-check piece throws, title and section included")
  void todoLineInTheTutorial() {
    Piece cookie = repository.steps().get(0).pieces().get(0);
    String line = Piece.todoLine(cookie.qualifiedId(), cookie.title(), "TUTORIAL.md#" + cookie.anchor());

    assertThat(FileText.read(Path.of("../TUTORIAL.md"))).as("TUTORIAL.md").contains("```\n" + line + "\n```");
  }

  @Test
  @DisplayName("a sample output block is its recording: --write copies it in, a changed line is named as out of date")
  void exactOutputBlock(@TempDir Path dir) throws IOException {
    Files.writeString(dir.resolve("run.txt"), "result     Hello!\nkill       after 18 ms\n");
    Files.writeString(dir.resolve("README.md"), "Run it:\n\n<!-- output: run.txt -->\n<!-- /output -->\n");
    OutputBlocks blocks = new OutputBlocks(dir);

    assertThat(blocks.problems(true)).as("problems while writing").isEmpty();
    assertThat(Files.readString(dir.resolve("README.md"))).as("README.md after --write").isEqualTo(
        "Run it:\n\n<!-- output: run.txt -->\n```text\nresult     Hello!\nkill       after 18 ms\n```\n<!-- /output -->\n");
    Files.writeString(dir.resolve("run.txt"), "result     Hi!\nkill       after 18 ms\n");
    assertThat(blocks.problems(false)).as("problems once the recording changed")
        .containsExactly("README.md, output of run.txt: the block is not the recording (fix: ./workbook excerpts --write)");
  }

  @Test
  @DisplayName("a block may show a run's shape with friendlier paths and timings, or some of its lines, but no other text")
  void shapeAndLinesBlocks(@TempDir Path dir) throws IOException {
    Files.writeString(dir.resolve("run.txt"), "launch     /work/x/java Main\nresult     Hello!\nkill       after 18 ms\n");
    Files.writeString(dir.resolve("TUTORIAL.md"), String.join("\n",
        "<!-- output: run.txt, shape -->", "```", "launch     /home/you/java Main", "result     Hello!",
        "kill       after 5 ms", "```", "<!-- /output -->",
        "<!-- output: run.txt, lines -->", "```", "result     Hello!", "```", "<!-- /output -->",
        "<!-- output: run.txt, lines -->", "```", "result     Hi!", "```", "<!-- /output -->",
        "<!-- output: illustrative -->", "```", "$ time kv put a b", "[INFO] kv - put", "", "real\t0m2.359s",
        "Done!", "```", "<!-- /output -->", ""));

    assertThat(new OutputBlocks(dir).problems(false)).as("problems").containsExactly(
        "TUTORIAL.md, output of run.txt, lines: its lines are not lines of the recording, in order",
        "TUTORIAL.md, output of illustrative: \"Done!\" is not a command, a log line, a time figure or blank: record"
            + " the run that prints it instead");
  }

  @Test
  @DisplayName("every step's manifest and source markers name the same pieces, with tests and a TUTORIAL section")
  void manifestsMatchTheirMarkers() {
    assertThat(repository.steps()).as("steps with a workbook").isNotEmpty();
    for (Step step : repository.steps()) {
      assertThat(repository.consistencyProblems(step)).as("problems in %s", step.id()).isEmpty();
    }
  }

  @Test
  @DisplayName("the manifest's [end-to-end] table holds the tests that need the whole step, with a title")
  void endToEndTable(@TempDir Path dir) {
    Step step = new FakeRepository(dir).step();

    assertThat(step.endToEnd()).as("the fake step's end-to-end table")
        .isEqualTo(new EndToEnd("both, in a process", List.of("ProcessTest")));
    assertThat(step.pieces()).as("its pieces' own tests").extracting(Piece::tests)
        .containsExactly(List.of("CookieTest"), List.of("ParseTest#readsANumber"));
  }

  @Test
  @DisplayName("a manifest table other than [[piece]] and one [end-to-end] is refused, naming the line")
  void unknownTable(@TempDir Path dir) throws IOException {
    FakeRepository repo = new FakeRepository(dir);
    Files.writeString(dir.resolve("step01-fake/workbook.toml"), FakeRepository.MANIFEST + "\n[extras]\n");

    assertThatExceptionOfType(WorkbookException.class).isThrownBy(repo::step)
        .withMessageContaining("workbook.toml:19: expected [[piece]], [end-to-end] or key = value, got: [extras]");
  }

  @Test
  @DisplayName("a test belongs to one piece or to the end-to-end set: listed twice, it is a problem")
  void testListedTwice(@TempDir Path dir) throws IOException {
    FakeRepository repo = new FakeRepository(dir);
    Files.writeString(dir.resolve("step01-fake/workbook.toml"),
        FakeRepository.MANIFEST.replace("tests = [\"ProcessTest\"]",
            "tests = [\"ProcessTest\", \"CookieTest#accepts\"]"));

    assertThat(repo.workbook.consistencyProblems(repo.step())).as("problems")
        .containsExactly("CookieTest#accepts is listed by cookie and by [end-to-end]: a test belongs to one piece,"
            + " or to the end-to-end set");
  }

  @Test
  @DisplayName("a piece's TUTORIAL section must lie in its step's part, where the reader of the step finds it")
  void sectionOutsideItsStep(@TempDir Path dir) throws IOException {
    FakeRepository repo = new FakeRepository(dir);
    Files.writeString(dir.resolve("TUTORIAL.md"), "# Step 01: a fake step\n\n## The cookie\n\n# When things go wrong"
        + "\n\n## The line\n");

    assertThat(repo.workbook.consistencyProblems(repo.step())).as("problems")
        .containsExactly("step01/parse points at TUTORIAL.md#the-line, which is outside the steps' parts: a piece's"
            + " section belongs in its step's part");
  }

  @Test
  @DisplayName("a piece's stub is one line that keeps the indentation and names the piece, its title and section")
  void stubLine() {
    Piece piece = new Piece("step01", "cookie-check", "refuse \"bad\" hosts", "the-cookie", "", List.of("T"));
    Region region = new Region(Path.of("MagicCookie.java"), "cookie-check", 3, 5, "    ", List.of());

    assertThat(region.stubLine(piece)).as("the stub")
        .isEqualTo("    throw new UnsupportedOperationException(\"TODO step01/cookie-check: refuse \\\"bad\\\" hosts"
            + " — read TUTORIAL.md#the-cookie\");");
  }

  @Test
  @DisplayName("a TODO thrown in a plugin process is found in the host's failure, however deeply it is wrapped")
  void todoLineIsFoundInCauses() {
    String line = Piece.todoLine("step01/handshake-print", "print the handshake line", "TUTORIAL.md#the-handshake-line");
    RuntimeException failure = new RuntimeException("plugin exited",
        new IllegalStateException("last stderr: Exception in thread \"main\" java.lang.UnsupportedOperationException: " + line));

    assertThat(TodoExtension.todoLine(failure)).as("the TODO line").hasValue(line);
    assertThat(TodoExtension.todoLine(new RuntimeException("no piece here"))).as("an ordinary failure").isEmpty();
  }

  @Test
  @DisplayName("an excerpt may not include a workbook piece: TUTORIAL.md must not give the answers away")
  void excerptRefusesAPiece(@TempDir Path dir) throws IOException {
    Path source = dir.resolve("A.java");
    Files.writeString(source, String.join("\n",
        "// tag::all[]", "int f() {", "  // workbook:begin f", "  return 1;", "  // workbook:end", "}", "// end::all[]"));

    assertThatExceptionOfType(WorkbookException.class)
        .isThrownBy(() -> Tutorial.tagged(source, "all"))
        .withMessageContaining("would show workbook piece f");
  }

  @Test
  @DisplayName("a link to a TUTORIAL.md section that no heading makes is named, from TUTORIAL.md and from README.md")
  void brokenLinks(@TempDir Path dir) throws IOException {
    Files.writeString(dir.resolve("TUTORIAL.md"), "# Step 01: a fake step\n\n## The cookie\n\nSee [the cookie](#the-cookie)"
        + " and [the line](#the-line).\n");
    Files.writeString(dir.resolve("README.md"), "[Cookie](TUTORIAL.md#the-cookie), [gone](TUTORIAL.md#gone),"
        + " [PROTOCOL](PROTOCOL.md#elsewhere)\n");

    assertThat(new Tutorial(dir).linkProblems()).as("problems").containsExactly(
        "TUTORIAL.md links to TUTORIAL.md#the-line, which no heading makes",
        "README.md links to TUTORIAL.md#gone, which no heading makes");
  }

  @Test
  @DisplayName("TUTORIAL.md anchors are GitHub's heading slugs")
  void slugs() {
    assertThat(Tutorial.slug("The handshake config and the magic cookie")).as("slug")
        .isEqualTo("the-handshake-config-and-the-magic-cookie");
    assertThat(Tutorial.slug("Step 01: a Greeter plugin in its own process")).as("slug with punctuation")
        .isEqualTo("step-01-a-greeter-plugin-in-its-own-process");
  }
}
