package io.gopluginjava.workbook;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * verify takes the last {@code mvn test}'s reports for its run with every piece written only when they prove the same
 * thing: every test of that run is in them, and nothing the tests ran on changed since they were written.
 */
@DisplayName("the last mvn test's reports, in place of verify's last run")
class LastMavenRunTest {

  @TempDir
  Path root;

  private static final List<String> ENTRIES = List.of("CookieTest", "ParseTest#readsANumber", "ProcessTest");

  private static final long HOUR = 3_600_000;

  @Test
  @DisplayName("stand in for the run when they are newer than every source and pom, failures included")
  void freshReportsStandIn() throws IOException {
    FakeRepository repo = new FakeRepository(root);
    long sources = now() - HOUR;
    age(root, sources);
    report(repo, "demo.CookieTest", sources + 1000, "<testcase name=\"accepts\"/>");
    report(repo, "demo.ParseTest", sources + 1000,
        "<testcase name=\"readsANumber\"><failure message=\"expected 1\">trace</failure></testcase>"
            + "<testcase name=\"refusesText\"/>");
    report(repo, "demo.ProcessTest", sources + 1000, "<testcase name=\"roundTrip\"/>");

    var outcome = LastMavenRun.of(repo.workbook, repo.step(), ENTRIES);

    assertThat(outcome).as("the outcome taken from reports newer than everything").isPresent();
    assertThat(outcome.get().ran()).as("the tests the entries name, and only those")
        .containsExactly("CookieTest#accepts", "ParseTest#readsANumber", "ProcessTest#roundTrip");
    assertThat(outcome.get().failures()).as("the failure, as Surefire reported it")
        .containsOnlyKeys("ParseTest#readsANumber");
  }

  @Test
  @DisplayName("do not stand in once a source changed after them: the tests ran on other code")
  void aLaterSourceMakesThemStale() throws IOException {
    FakeRepository repo = new FakeRepository(root);
    long sources = now() - HOUR;
    age(root, sources);
    for (String test : List.of("CookieTest", "ParseTest", "ProcessTest")) {
      report(repo, "demo." + test, sources + 1000, "<testcase name=\"readsANumber\"/>");
    }
    Files.setLastModifiedTime(repo.source, FileTime.fromMillis(sources + 2000));

    assertThat(LastMavenRun.of(repo.workbook, repo.step(), List.of("CookieTest")))
        .as("reports older than the piece's source").isEmpty();
  }

  @Test
  @DisplayName("do not stand in when a test of the run is missing from them, as after mvn test -Dtest=...")
  void aMissingTestMakesThemIncomplete() throws IOException {
    FakeRepository repo = new FakeRepository(root);
    long sources = now() - HOUR;
    age(root, sources);
    report(repo, "demo.CookieTest", sources + 1000, "<testcase name=\"accepts\"/>");

    assertThat(LastMavenRun.of(repo.workbook, repo.step(), ENTRIES))
        .as("reports without ParseTest and ProcessTest").isEmpty();
  }

  @Test
  @DisplayName("ignore the workbook's own runs' reports: only a Maven run of the whole step counts")
  void workbookRunsDoNotCount() throws IOException {
    FakeRepository repo = new FakeRepository(root);
    long sources = now() - HOUR;
    age(root, sources);
    Path xml = repo.step().dir().resolve("target/surefire-reports/TEST-junit-jupiter.xml");
    FakeRepository.write(xml, "<testsuite name=\"JUnit Jupiter\"><testcase classname=\"demo.CookieTest\""
        + " name=\"accepts\"/></testsuite>");
    Files.setLastModifiedTime(xml, FileTime.fromMillis(sources + 1000));

    assertThat(LastMavenRun.of(repo.workbook, repo.step(), List.of("CookieTest")))
        .as("a console-launcher report of one of the workbook's runs").isEmpty();
  }

  private static void report(FakeRepository repo, String testClass, long written, String testcases)
      throws IOException {
    Path xml = repo.step().dir().resolve("target/surefire-reports/TEST-" + testClass + ".xml");
    FakeRepository.write(xml, "<testsuite name=\"" + testClass + "\">" + testcases + "</testsuite>");
    Files.setLastModifiedTime(xml, FileTime.fromMillis(written));
  }

  /** Dates every file under {@code dir} at {@code millis}. */
  private static void age(Path dir, long millis) throws IOException {
    try (var files = Files.walk(dir)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        Files.setLastModifiedTime(file, FileTime.fromMillis(millis));
      }
    }
  }

  private static long now() {
    return System.currentTimeMillis();
  }
}
