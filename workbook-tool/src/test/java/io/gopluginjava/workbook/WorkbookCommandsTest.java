package io.gopluginjava.workbook;

import static io.gopluginjava.workbook.FakeRepository.COOKIE_BODY;
import static io.gopluginjava.workbook.FakeRepository.PARSE_BODY;
import static io.gopluginjava.workbook.FakeRepository.printed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.gopluginjava.workbook.Ledger.State;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The reader's commands on a fake repository of one step with two pieces (no Maven run: none is needed). */
@DisplayName("the workbook's commands never lose the reader's code, and tell the truth about progress")
class WorkbookCommandsTest {

  @TempDir
  Path root;

  private FakeRepository repo;

  @BeforeEach
  void repository() {
    repo = new FakeRepository(root);
  }

  @Test
  @DisplayName("a second start changes no byte, even where the reader wrote a piece exactly as the reference")
  void secondStartKeepsWhatTheReaderWrote() {
    printed(() -> repo.reader.start(repo.step()));
    repo.writePiece("cookie", COOKIE_BODY);
    String written = repo.source();

    printed(() -> repo.reader.start(repo.step()));

    assertThat(repo.source()).as("Plugin.java after a second start").isEqualTo(written);
    assertThat(repo.state("cookie")).as("the piece the reader wrote").isEqualTo(State.WRITTEN);
    assertThat(repo.state("parse")).as("the piece still to write").isEqualTo(State.TODO);
  }

  @Test
  @DisplayName("start leaves code that differs from the reference as it is, even in a step never started")
  void startKeepsEditedCode() {
    repo.committed().writePiece("parse", "    return 42;");

    String out = printed(() -> repo.reader.start(repo.step()));

    assertThat(repo.source()).as("Plugin.java after start").contains("    return 42;");
    assertThat(repo.state("cookie")).as("the untouched piece").isEqualTo(State.TODO);
    assertThat(out).as("what start says").contains("your code in [parse] is left as it is");
  }

  @Test
  @DisplayName("reset asks first: answered no, it changes nothing and says so")
  void resetAsks() {
    printed(() -> repo.reader.start(repo.step()));
    repo.writePiece("cookie", "    return true;");
    String before = repo.source();
    StringBuilder asked = new StringBuilder();

    int[] status = new int[1];
    String out = printed(() -> status[0] = repo.reader.reset(repo.step(), question -> {
      asked.append(question);
      return false;
    }));

    assertThat(status[0]).as("reset's exit status when refused").isEqualTo(1);
    assertThat(out).as("what reset says").contains("Nothing changed.");
    assertThat(asked).as("the question").contains("2 piece(s) of step01 (1 TODO, 1 with your code");
    assertThat(repo.source()).as("Plugin.java after a refused reset").isEqualTo(before);
  }

  @Test
  @DisplayName("reset without a terminal and without --yes refuses, and says what to type")
  void resetWithoutATerminal() {
    printed(() -> repo.reader.start(repo.step()));
    String before = repo.source();

    assertThatExceptionOfType(WorkbookException.class)
        .isThrownBy(() -> repo.workbook.run(List.of("reset", "step01")))
        .withMessageContaining("there is no terminal to ask you, so nothing changed")
        .withMessageContaining("./workbook reset step01 --yes");
    assertThat(repo.source()).as("Plugin.java").isEqualTo(before);
  }

  @Test
  @DisplayName("reset saves the reader's version; restore brings it back, saving what it replaces")
  void resetThenRestore() {
    printed(() -> repo.reader.start(repo.step()));
    repo.writePiece("cookie", "    return value != null;");
    printed(() -> repo.workbook.run(List.of("reset", "1", "--yes")));
    assertThat(repo.source()).as("Plugin.java after reset").isEqualTo(FakeRepository.SOURCE);

    printed(() -> repo.reader.restore(repo.step(), "cookie", null));

    assertThat(repo.region("cookie").body()).as("cookie after restore").containsExactly("    return value != null;");
    assertThat(repo.state("cookie")).as("a restored piece is the reader's").isEqualTo(State.WRITTEN);
    assertThat(repo.workbook.backups().of(repo.step().piece("cookie"))).as("saved versions: reset's, restore's")
        .hasSize(2);
  }

  @Test
  @DisplayName("restore with several saved versions lists them and changes nothing until one is named")
  void restoreListsSeveralVersions() {
    Piece cookie = repo.step().piece("cookie");
    repo.workbook.backups().save(cookie, List.of("    return false;"), "20261201-100000-000");
    repo.workbook.backups().save(cookie, List.of("    return true;"), "20261201-110000-000");

    String out = printed(() -> assertThat(repo.reader.restore(repo.step(), "cookie", null)).as("status").isEqualTo(1));
    assertThat(out).as("the list").contains("2 saved versions, newest first",
        "20261201-110000-000  1 line(s): return true;", "20261201-100000-000");
    assertThat(repo.source()).as("Plugin.java while none is named").isEqualTo(FakeRepository.SOURCE);

    printed(() -> repo.reader.restore(repo.step(), "cookie", "20261201-10"));
    assertThat(repo.region("cookie").body()).as("cookie after restoring the older one")
        .containsExactly("    return false;");
  }

  @Test
  @DisplayName("a piece is done only while its tests' last result is for the code as it is: an edit makes it stale")
  void doneNeedsAResultOnTheCurrentCode() {
    printed(() -> repo.reader.start(repo.step()));
    repo.writePiece("cookie", COOKIE_BODY);
    Progress progress = new Progress(repo.workbook);
    Map<String, String> fingerprints = progress.fingerprints(repo.step());
    SurefireReports passed = new SurefireReports(Map.of(), Map.of("CookieTest#accepts", 1L, "CookieTest#refuses", 1L));

    progress.record(repo.step(), passed, List.of("cookie"), fingerprints, 2L);
    assertThat(progress.statuses(repo.step())).as("after a passing run").first()
        .satisfies(s -> assertThat(s.done()).as("done").isTrue())
        .satisfies(s -> assertThat(s.tests()).as("its tests").isEqualTo("passing (2)"));

    repo.writePiece("parse", "    return 1;");
    assertThat(progress.statuses(repo.step()).get(0).done()).as("cookie, after an edit of the other piece in its file")
        .isTrue();

    repo.writePiece("cookie", "    return false;");
    assertThat(progress.statuses(repo.step())).as("after an edit of cookie").first()
        .satisfies(s -> assertThat(s.done()).as("done").isFalse())
        .satisfies(s -> assertThat(s.tests()).as("its tests").startsWith("stale: changed since the run"));
  }

  @Test
  @DisplayName("watch points at the first piece not done, and runs nothing when that piece is a TODO")
  void watchPointsAtTheNextPiece() {
    printed(() -> repo.reader.start(repo.step()));
    repo.writePiece("cookie", COOKIE_BODY);
    Progress progress = new Progress(repo.workbook);
    progress.record(repo.step(), new SurefireReports(Map.of(), Map.of("CookieTest#accepts", 1L)), List.of("cookie"),
        progress.fingerprints(repo.step()), 2L);
    Watch watch = new Watch(repo.workbook);

    String out = printed(() -> assertThat(watch.round(repo.step())).as("done").isFalse());

    assertThat(out).as("watch's round")
        .contains("step01-fake: 1 of 2 pieces done")
        .contains("next: step01/parse — parse the line")
        .contains("a TODO in step01-fake/src/main/java/demo/Plugin.java:11: read TUTORIAL.md#the-line")
        .contains("end to end (both, in a process): waits for parse")
        .doesNotContain("== the own tests of");
  }

  @Test
  @DisplayName("a step whose earlier step still has TODOs is told so, with what to do")
  void earlierTodosAreNamed() {
    FakeRepository.write(root.resolve("step02-next/workbook.toml"), "");
    printed(() -> repo.reader.start(repo.step()));
    repo.writePiece("cookie", PARSE_BODY.replace("Integer.parseInt(line.strip())", "true"));

    assertThat(repo.workbook.upstreamTodos(repo.workbook.step("step02"))).as("the note for step02").hasValueSatisfying(
        note -> assertThat(note).contains("step01 has 1 TODO(s): parse", "./workbook reset step01"));
    assertThat(repo.workbook.upstreamTodos(repo.step())).as("the note for step01 itself").isEmpty();
  }
}
