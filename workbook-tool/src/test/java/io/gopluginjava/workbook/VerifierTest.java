package io.gopluginjava.workbook;

import static io.gopluginjava.workbook.FakeRepository.printed;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * verify's proof, on the fake step with a stand-in for Maven: each test fails while any piece it needs is a TODO,
 * with the message of the first such piece (the first stub it runs into), and passes otherwise.
 */
@DisplayName("verify")
class VerifierTest {

  @TempDir
  Path root;

  /** The fake step's tests and the pieces each needs, in the order it runs into them. */
  private static final Map<String, List<String>> NEEDS = new LinkedHashMap<>();

  static {
    NEEDS.put("CookieTest#accepts", List.of("cookie"));
    NEEDS.put("ParseTest#readsANumber", List.of("cookie", "parse"));
    NEEDS.put("ParseTest#refusesText", List.of("parse"));
    NEEDS.put("ProcessTest#roundTrip", List.of("cookie", "parse"));
    NEEDS.put("ShellLineTest#quotes", List.of());
  }

  private boolean verify(String manifest, boolean derive) {
    return verify(manifest, derive, Optional.empty());
  }

  /** The stubbed sets the stand-in for Maven was asked to run, in order. */
  private final List<Set<String>> runs = new ArrayList<>();

  /** A manifest that verify accepts. */
  private static final String PROPER = FakeRepository.MANIFEST
      .replace("tests = [\"ParseTest#readsANumber\"]", "tests = [\"ParseTest\"]");

  private boolean verify(String manifest, boolean derive, Optional<Verifier.Outcome> everyPieceWritten) {
    FakeRepository repo = new FakeRepository(root);
    FakeRepository.write(root.resolve("step01-fake/workbook.toml"), manifest);
    Step step = repo.step();
    Verifier.Runner runner = (s, stubbed, entries) -> {
      runs.add(Set.copyOf(stubbed));
      Map<String, String> failures = new LinkedHashMap<>();
      Set<String> ran = new TreeSet<>();
      NEEDS.forEach((test, needs) -> {
        if (entries.isEmpty() || entries.stream().anyMatch(e -> SurefireReports.names(e, test))) {
          ran.add(test);
          needs.stream().filter(stubbed::contains).findFirst()
              .ifPresent(piece -> failures.put(test, step.piece(piece).todoLine() + "\n\tat Fake.test"));
        }
      });
      return new Verifier.Outcome(failures, ran, null, 1);
    };
    boolean[] ok = new boolean[1];
    output = printed(() -> ok[0] = new Verifier(repo.workbook, derive, runner).verify(step, everyPieceWritten));
    return ok[0];
  }

  private String output;

  @Test
  @DisplayName("accepts own tests that build on earlier pieces, and an end-to-end set that needs them all")
  void acceptsAProperManifest() {
    assertThat(verify(FakeRepository.MANIFEST.replace("tests = [\"CookieTest\"]", "tests = [\"CookieTest\"]")
        .replace("tests = [\"ParseTest#readsANumber\"]", "tests = [\"ParseTest\"]"), false))
        .as("verify, which printed:%n%s", output).isTrue();
    assertThat(output).as("what verify printed")
        .contains("every piece a TODO", "1..1 written (to cookie)", "every piece written", "only cookie a TODO")
        .contains("verify step01: ok, 4 runs");
  }

  @Test
  @DisplayName("refuses an own test that needs a later piece, and prints the tests lines that would be right")
  void refusesAnOwnTestThatWaitsForALaterPiece() {
    String manifest = FakeRepository.MANIFEST
        .replace("tests = [\"CookieTest\"]", "tests = [\"CookieTest\", \"ParseTest#readsANumber\"]")
        .replace("tests = [\"ParseTest#readsANumber\"]", "tests = [\"ParseTest#refusesText\"]");

    assertThat(verify(manifest, false)).as("verify, which printed:%n%s", output).isFalse();
    assertThat(output).as("what verify printed")
        .contains("1..1 written (to cookie): ParseTest#readsANumber of cookie, which is written, failed: TODO "
            + "step01/parse")
        .contains("only parse a TODO: ParseTest#readsANumber of the earlier piece cookie failed")
        .contains("# cookie\n  tests = [\"CookieTest\"]")
        .contains("# parse\n  tests = [\"ParseTest\"]")
        .contains("[end-to-end]\n  tests = [\"ProcessTest\"]");
  }

  @Test
  @DisplayName("refuses a test that fails while the pieces are TODOs but is listed nowhere, and an end-to-end test "
      + "that needs no piece")
  void refusesUnlistedFailuresAndEmptyEndToEnd() {
    String manifest = FakeRepository.MANIFEST
        .replace("tests = [\"ProcessTest\"]", "tests = [\"ShellLineTest\"]")
        .replace("tests = [\"ParseTest#readsANumber\"]", "tests = [\"ParseTest\"]");

    assertThat(verify(manifest, false)).as("verify, which printed:%n%s", output).isFalse();
    assertThat(output).as("what verify printed")
        .contains("ProcessTest#roundTrip failed, but neither a piece nor [end-to-end] lists it")
        .contains("end-to-end test ShellLineTest#quotes passed, so it tests no piece");
  }

  @Test
  @DisplayName("takes the last mvn test's outcome for the run with every piece written, instead of running it again")
  void takesTheLastMavenRunForTheLastRun() {
    Verifier.Outcome lastMavenTest = new Verifier.Outcome(Map.of(),
        Set.of("CookieTest#accepts", "ParseTest#readsANumber", "ParseTest#refusesText", "ProcessTest#roundTrip"),
        null, 0);

    assertThat(verify(PROPER, false, Optional.of(lastMavenTest)))
        .as("verify, which printed:%n%s", output).isTrue();
    assertThat(runs).as("the runs verify made itself: none with every piece written").doesNotContain(Set.of());
    assertThat(output).as("what verify printed")
        .contains("every piece written", "from the last mvn test's reports");
  }

  @Test
  @DisplayName("fails on an end-to-end failure in the last mvn test's outcome, as on one of its own runs")
  void reportsAFailureOfTheLastMavenRun() {
    Verifier.Outcome lastMavenTest = new Verifier.Outcome(Map.of("ProcessTest#roundTrip", "expected 1\n\tat X"),
        Set.of("CookieTest#accepts", "ParseTest#readsANumber", "ParseTest#refusesText", "ProcessTest#roundTrip"),
        null, 0);

    assertThat(verify(PROPER, false, Optional.of(lastMavenTest)))
        .as("verify, which printed:%n%s", output).isFalse();
    assertThat(output).as("what verify printed")
        .contains("every piece written: end-to-end test ProcessTest#roundTrip failed: expected 1");
  }

  @Test
  @DisplayName("with --derive, names the pieces each test needs and places every test")
  void derives() {
    verify(FakeRepository.MANIFEST, true);

    assertThat(output).as("what verify --derive printed")
        .contains("ParseTest#readsANumber: cookie, parse")
        .contains("# parse\n  tests = [\"ParseTest\"]")
        .contains("[end-to-end]\n  tests = [\"ProcessTest\"]");
  }
}
