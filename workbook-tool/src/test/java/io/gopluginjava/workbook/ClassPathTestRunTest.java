package io.gopluginjava.workbook;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("the workbook runs a step's tests on its class path, without a Maven start per run")
class ClassPathTestRunTest {

  private static final String COOKIE_TEST = """
      package demo;

      import static org.junit.jupiter.api.Assertions.assertTrue;

      import org.junit.jupiter.api.Test;

      class CookieTest {
        @Test
        void accepts() {
          assertTrue(Plugin.cookie("hello"), "the cookie is accepted");
        }
      }
      """;

  private static final String PARSE_TEST = """
      package demo;

      import static org.junit.jupiter.api.Assertions.assertEquals;
      import static org.junit.jupiter.api.Assertions.fail;

      import org.junit.jupiter.api.Test;

      class ParseTest {
        @Test
        void readsANumber() {
          assertEquals(42, Plugin.parse(" 42 "));
        }

        @Test
        void notNamedByTheManifest() {
          fail("a test no entry names ran");
        }
      }
      """;

  @TempDir
  Path root;

  private FakeRepository repo;
  private List<Path> classPath;
  private Path log;

  @BeforeEach
  void aStepWithTests() {
    repo = new FakeRepository(root);
    FakeRepository.write(root.resolve("step01-fake/src/test/java/demo/CookieTest.java"), COOKIE_TEST);
    FakeRepository.write(root.resolve("step01-fake/src/test/java/demo/ParseTest.java"), PARSE_TEST);
    classPath = new ArrayList<>(List.of(repo.step().dir().resolve("target/test-classes"),
        repo.step().dir().resolve("target/classes")));
    // JUnit and its console launcher, as the step's Maven build would list them.
    Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
        .filter(entry -> entry.endsWith(".jar")).map(Path::of).forEach(classPath::add);
    log = root.resolve("run.log");
  }

  private ClassPathTestRun run() {
    return new ClassPathTestRun(repo.step(), classPath).tests(List.of("CookieTest", "ParseTest#readsANumber"))
        .quietly(log);
  }

  @Test
  @DisplayName("compiles what changed, runs only the tests the entries name, and reports them as surefire's are read")
  void compilesAndRunsTheNamedTests() {
    assertThat(run().run()).as("the run's status (output: %s)", log).isZero();

    SurefireReports reports = SurefireReports.read(repo.step().dir());
    assertThat(reports.all()).as("the tests that ran").containsExactly("CookieTest#accepts", "ParseTest#readsANumber");
    assertThat(reports.failures()).as("failures").isEmpty();

    repo.writePiece("cookie", "    return false;\n");
    assertThat(run().run()).as("the second run's status").isZero();

    assertThat(SurefireReports.read(repo.step().dir()).failures()).as("after the piece was saved wrong")
        .containsOnlyKeys("CookieTest#accepts")
        .hasEntrySatisfying("CookieTest#accepts", message -> assertThat(message).contains("the cookie is accepted"));
  }

  @Test
  @DisplayName("a piece that does not compile fails the build, with javac's message on an [ERROR] line")
  void compileErrorIsABuildFailure() {
    repo.writePiece("parse", "    return nope;\n");

    assertThat(run().run()).as("the run's status").isEqualTo(1);
    assertThat(FakeRepository.read(log)).as("the output")
        .containsPattern("\\[ERROR] .*Plugin\\.java:\\d+: error: cannot find symbol")
        .contains("[ERROR]     return nope;");
  }

  @Test
  @DisplayName("a reader's own mvn test and the workbook's runs share the reports folder: a test's latest report wins")
  void latestReportWins() throws Exception {
    Path reports = repo.step().dir().resolve("target/surefire-reports");
    Path surefire = FakeRepository.write(reports.resolve("TEST-demo.CookieTest.xml"), """
        <testsuite name="demo.CookieTest"><testcase name="accepts" classname="checks the cookie">\
        <failure message="TODO step01/cookie: check the cookie">trace</failure></testcase></testsuite>
        """);
    Path launcher = FakeRepository.write(reports.resolve("TEST-junit-jupiter-0.xml"), """
        <testsuite name="JUnit Jupiter"><testcase name="accepts()" classname="demo.CookieTest"/>\
        <testcase name="readsANumber(String)[1]" classname="demo.ParseTest"><failure message="not 42"/></testcase>\
        <testcase name="readsANumber(String)[2]" classname="demo.ParseTest"/></testsuite>
        """);
    Files.setLastModifiedTime(surefire, FileTime.fromMillis(1_000_000));
    Files.setLastModifiedTime(launcher, FileTime.fromMillis(2_000_000));

    assertThat(SurefireReports.read(repo.step().dir()).failures()).as("the newer report's failures only: an older"
        + " report's failure of CookieTest is replaced, a parameterized test fails with any of its invocations")
        .containsOnlyKeys("ParseTest#readsANumber");

    Files.setLastModifiedTime(surefire, FileTime.fromMillis(3_000_000));

    assertThat(SurefireReports.read(repo.step().dir()).failures()).as("once the older report is the newer")
        .containsOnlyKeys("CookieTest#accepts", "ParseTest#readsANumber");
  }

  @Test
  @DisplayName("shares the classes out between its two JVMs by their last times, the longest first")
  void splitsByTime() {
    List<List<String>> forks = ClassPathTestRun.split(List.of("a", "b", "c", "d"),
        Map.of("a", 5000L, "b", 3000L, "c", 2000L), 2);

    assertThat(forks).as("d has no time yet: it counts as a second").containsExactly(List.of("a", "d"),
        List.of("b", "c"));
  }
}
