package io.gopluginjava.workbook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
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

  /** Counts the runs that saw its class: with fresh classes each run, always the first; writes the JVM's pid. */
  private static final String STATIC_STATE_TEST = """
      package demo;

      import static org.junit.jupiter.api.Assertions.assertEquals;

      import java.nio.file.Files;
      import java.nio.file.Path;
      import org.junit.jupiter.api.Test;

      class StaticStateTest {
        static int runs;

        @Test
        void seesNoEarlierRun() throws Exception {
          Files.writeString(Path.of("jvm.pid"), String.valueOf(ProcessHandle.current().pid()));
          assertEquals(1, ++runs, "runs this class saw");
        }
      }
      """;

  private static final String EXIT_TEST = """
      package demo;

      import org.junit.jupiter.api.Test;

      class ExitTest {
        @Test
        void endsTheJvm() {
          Runtime.getRuntime().halt(3);
        }
      }
      """;

  private static final String HANG_TEST = """
      package demo;

      import org.junit.jupiter.api.Test;

      class HangTest {
        @Test
        void waitsForever() throws Exception {
          new java.util.concurrent.CountDownLatch(1).await();
        }
      }
      """;

  private static final String LEFTOVER_TEST = """
      package demo;

      import org.junit.jupiter.api.Test;

      class LeftoverTest {
        static final java.util.concurrent.CountDownLatch NEVER = new java.util.concurrent.CountDownLatch(1);

        @Test
        void leavesAThread() throws Exception {
          java.nio.file.Files.writeString(java.nio.file.Path.of("leftover.pid"),
              String.valueOf(ProcessHandle.current().pid()));
          Thread thread = new Thread(() -> {
            try {
              NEVER.await();
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          }, "left-behind");
          thread.start();
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
    // JUnit and its launcher, and this tool's classes (the test JVM's main), as the step's Maven build lists them.
    Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator)).map(Path::of)
        .filter(entry -> entry.toString().endsWith(".jar")
            || Files.isRegularFile(entry.resolve("io/gopluginjava/workbook/WarmTestJvmMain.class")))
        .forEach(classPath::add);
    log = root.resolve("run.log");
  }

  @AfterEach
  void endTheTestJvms() {
    WarmTestJvms.close(repo.step());
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

  @Test
  @DisplayName("runs reuse the step's test JVM, but each loads the step's classes afresh: no run sees an earlier one's"
      + " static state")
  void eachRunHasFreshClasses() {
    FakeRepository.write(root.resolve("step01-fake/src/test/java/demo/StaticStateTest.java"), STATIC_STATE_TEST);
    ClassPathTestRun run = new ClassPathTestRun(repo.step(), classPath).tests(List.of("StaticStateTest")).quietly(log);

    assertThat(run.run()).as("the first run's status (output: %s)", log).isZero();
    String firstJvm = FakeRepository.read(repo.step().dir().resolve("jvm.pid"));
    assertThat(run.run()).as("the second run's status").isZero();

    assertThat(SurefireReports.read(repo.step().dir()).failures()).as("the second run's failures: a class loaded"
        + " again counts its first run").isEmpty();
    assertThat(FakeRepository.read(repo.step().dir().resolve("jvm.pid"))).as("the JVM of the second run")
        .isEqualTo(firstJvm);
  }

  @Test
  @DisplayName("a test JVM that ends during a run is an [ERROR] with its status, not a hang; the next run gets a new"
      + " JVM")
  @Timeout(120)
  void aJvmThatEndsIsReported() {
    FakeRepository.write(root.resolve("step01-fake/src/test/java/demo/ExitTest.java"), EXIT_TEST);

    assertThat(new ClassPathTestRun(repo.step(), classPath).tests(List.of("ExitTest")).quietly(log).run())
        .as("the run's status").isEqualTo(2);
    assertThat(FakeRepository.read(log)).as("the output").contains("[ERROR] the test JVM ended with status 3 during"
        + " the run");

    assertThat(run().run()).as("the next run's status (output: %s)", log).isZero();
    assertThat(SurefireReports.read(repo.step().dir()).all()).as("the tests the next run ran")
        .containsExactly("CookieTest#accepts", "ParseTest#readsANumber");
  }

  @Test
  @DisplayName("a run that hangs ends at its timeout with a message that says so, its JVM ended")
  @Timeout(120)
  void aHungRunTimesOut() {
    FakeRepository.write(root.resolve("step01-fake/src/test/java/demo/HangTest.java"), HANG_TEST);
    ClassPathTestRun run = new ClassPathTestRun(repo.step(), classPath).tests(List.of("HangTest")).quietly(log)
        .timeout(Duration.ofSeconds(1)); // how long the hang is does not matter, only that it is ended

    assertThatThrownBy(run::run).as("the hung run").isInstanceOf(WorkbookException.class)
        .hasMessageContaining("the tests of step01 took more than 1 s");
    assertThat(ProcessHandle.current().descendants().filter(ProcessHandle::isAlive))
        .as("processes left: the test JVM was ended").isEmpty();
  }

  @Test
  @DisplayName("a run that leaves a thread running says so, and the next run gets a new JVM, as after a fork")
  void leftoversRetireTheJvm() {
    FakeRepository.write(root.resolve("step01-fake/src/test/java/demo/StaticStateTest.java"), STATIC_STATE_TEST);
    FakeRepository.write(root.resolve("step01-fake/src/test/java/demo/LeftoverTest.java"), LEFTOVER_TEST);

    assertThat(new ClassPathTestRun(repo.step(), classPath).tests(List.of("LeftoverTest")).quietly(log).run())
        .as("the run's status (output: %s)", log).isZero();
    assertThat(FakeRepository.read(log)).as("the output").contains("the run left threads left-behind behind;"
        + " the next run starts a new test JVM");
    assertThat(new ClassPathTestRun(repo.step(), classPath).tests(List.of("StaticStateTest")).quietly(log).run())
        .as("the next run's status (output: %s)", log).isZero();

    assertThat(FakeRepository.read(repo.step().dir().resolve("jvm.pid"))).as("the next run's JVM")
        .isNotEqualTo(FakeRepository.read(repo.step().dir().resolve("leftover.pid")));
  }
}
