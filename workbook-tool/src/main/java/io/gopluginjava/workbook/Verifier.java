package io.gopluginjava.workbook;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * CI's proof that a step's workbook works, for a reader who writes the pieces in order:
 * <ul>
 *   <li>for k = 0..n, with pieces 1..k written (the reference) and k+1..n TODO, the own tests of pieces 1..k pass and
 *       those of k+1..n fail, each with the message of a TODO piece at or before its own (with only pieces k+1..n
 *       TODO, the test of piece k+1 names piece k+1: the piece the reader is at);
 *   <li>each piece's TODO alone fails its own tests with its message and no test of an earlier piece (a later
 *       piece's test may build on it);
 *   <li>with every piece a TODO, the whole step's tests that fail are all listed, each with a piece's message, and
 *       every end-to-end test fails; with every piece written, the end-to-end tests pass.
 * </ul>
 * A run tests only the pieces' own tests (with one piece a TODO, those of the pieces up to it), except the first
 * (every piece a TODO: the whole step) and the last (every piece written: own and end-to-end tests). With
 * {@code derive}, every run tests the whole step, and the manifest the runs imply is printed. The sources are
 * restored on every path.
 */
final class Verifier {

  /** One configuration of the step: which pieces are TODOs, and which tests run. */
  private record Config(String name, Set<String> stubbed, Integer k, Integer alone) {}

  /** Runs the step's tests {@code entries} (all of them when empty) with the pieces {@code stubbed} as TODOs. */
  interface Runner {
    Outcome run(Step step, Set<String> stubbed, List<String> entries);

    /** After the step's last run, its sources restored: leave nothing built from a stub behind. */
    default void finish(Step step) {}
  }

  /** What one run gave: the failed tests with their messages, the tests that ran, how long it took. */
  record Outcome(Map<String, String> failures, Set<String> ran, String buildFailure, long millis) {
    boolean passed(String test) {
      return ran.contains(test) && !failures.containsKey(test);
    }

    boolean failedWithOneOf(String test, Collection<Piece> pieces) {
      return failures.containsKey(test) && pieces.stream().anyMatch(p -> failures.get(test).contains(p.todoLine()));
    }
  }

  private final Workbook workbook;
  private final boolean derive;
  private final Runner runner;

  Verifier(Workbook workbook, boolean derive) {
    this(workbook, derive, null);
  }

  /** With another way to run tests than Maven (a test's stand-in); {@code null} for Maven. */
  Verifier(Workbook workbook, boolean derive, Runner runner) {
    this.workbook = workbook;
    this.derive = derive;
    this.runner = runner != null ? runner : new ClassPathRunner();
  }

  boolean verify(Step step) {
    return verify(step, Optional.empty());
  }

  /**
   * With {@code everyPieceWritten}, the outcome of a run of {@link #lastRunEntries} on the reference code that
   * already happened ({@link LastMavenRun}): it stands in for the last run.
   */
  boolean verify(Step step, Optional<Outcome> everyPieceWritten) {
    long started = System.nanoTime();
    List<String> problems = new ArrayList<>(workbook.consistencyProblems(step));
    if (!problems.isEmpty()) {
      problems.forEach(p -> System.out.println("  ✗ " + p));
      return false;
    }
    requireReference(step);
    List<Piece> pieces = step.pieces();
    int n = pieces.size();
    System.out.println("verify " + step.module() + ": " + n + " pieces" + (derive ? ", every test in every run" : ""));

    int runs = 1;
    Config everyTodo = prefix(pieces, 0);
    Outcome first = run(step, everyTodo, List.of());
    if (first.buildFailure() != null) {
      problems.add(everyTodo.name() + ": " + first.buildFailure());
      line(everyTodo, first, problems.size());
      return report(step, runs, problems, started);
    }
    Set<String> allTests = first.ran();
    Map<String, Piece> owner = new TreeMap<>();
    for (Piece piece : pieces) {
      SurefireReports.expand(piece.tests(), allTests).forEach(t -> owner.put(t, piece));
      unknown(piece.tests(), allTests)
          .forEach(e -> problems.add(piece.qualifiedId() + " lists " + e + ": no such test"));
    }
    Set<String> endToEnd = SurefireReports.expand(step.endToEnd().tests(), allTests);
    unknown(step.endToEnd().tests(), allTests).forEach(e -> problems.add("[end-to-end] lists " + e + ": no such test"));
    List<String> ownEntries = pieces.stream().flatMap(p -> p.tests().stream()).toList();
    List<String> lastEntries = lastRunEntries(step);

    Map<Config, Outcome> outcomes = new LinkedHashMap<>();
    outcomes.put(everyTodo, first);
    checkPrefix(pieces, everyTodo, first, owner, problems);
    checkEveryTodo(first, owner, endToEnd, pieces, problems);
    line(everyTodo, first, problems.size());
    for (int k = 1; k <= n; k++) {
      Config config = prefix(pieces, k);
      boolean reused = k == n && everyPieceWritten.isPresent() && !derive;
      Outcome outcome = reused ? everyPieceWritten.get() : run(step, config, k == n ? lastEntries : ownEntries);
      outcomes.put(config, outcome);
      int before = problems.size();
      if (built(config, outcome, problems)) {
        checkPrefix(pieces, config, outcome, owner, problems);
      }
      if (k == n && outcome.buildFailure() == null) {
        endToEnd.stream().filter(t -> !outcome.passed(t)).forEach(t -> problems.add(config.name() + ": end-to-end test "
            + t + (outcome.ran().contains(t) ? " failed: " + firstLine(outcome.failures().get(t)) : " did not run")));
      }
      if (reused) {
        System.out.printf("  %-45s %3d tests, %3d failed, %s, from the last mvn test's reports%n", config.name(),
            outcome.ran().size(), outcome.failures().size(), problems.size() == before ? "ok"
                : problems.size() - before + " problem(s)");
      } else {
        line(config, outcome, problems.size() - before);
        runs++;
      }
    }
    for (int j = 0; j < n; j++) {
      Config config = alone(pieces, j);
      // With only the last piece a TODO, this is the run of 1..n-1 written: it ran already.
      Outcome ran = outcomes.entrySet().stream().filter(e -> e.getKey().stubbed().equals(config.stubbed()))
          .map(Map.Entry::getValue).findFirst().orElse(null);
      // The tests of pieces 1..j: those after j may build on j, so they have nothing to prove here.
      List<String> upToJ = pieces.subList(0, j + 1).stream().flatMap(p -> p.tests().stream()).toList();
      Outcome outcome = ran != null ? ran : run(step, config, upToJ);
      outcomes.put(config, outcome);
      int before = problems.size();
      if (ran == null ? built(config, outcome, problems) : outcome.buildFailure() == null) {
        checkAlone(pieces, j, config, outcome, owner, problems);
      }
      if (ran == null) {
        line(config, outcome, problems.size() - before);
        runs++;
      }
    }
    if (!problems.isEmpty() || derive) {
      printImplied(step, outcomes, owner, endToEnd, allTests);
    }
    runner.finish(step);
    return report(step, runs, problems, started);
  }

  /** What the run with every piece written tests: every piece's own tests and the end-to-end ones. */
  static List<String> lastRunEntries(Step step) {
    List<String> entries = new ArrayList<>(step.pieces().stream().flatMap(p -> p.tests().stream()).toList());
    entries.addAll(step.endToEnd().tests());
    return entries;
  }

  private void requireReference(Step step) {
    Map<String, Region> regions = workbook.regions(step);
    for (Piece piece : step.pieces()) {
      Region region = regions.get(piece.id());
      if (region.isStub() || !workbook.references().holds(piece, region)) {
        throw new WorkbookException(piece.qualifiedId() + " does not hold the reference code; run ./workbook reset "
            + step.id() + " before verify (your versions are saved first)");
      }
    }
  }

  private static Config prefix(List<Piece> pieces, int k) {
    String name = k == 0 ? "every piece a TODO" : k == pieces.size() ? "every piece written"
        : "1.." + k + " written (to " + pieces.get(k - 1).id() + ")";
    return new Config(name, ids(pieces.subList(k, pieces.size())), k, null);
  }

  private static Config alone(List<Piece> pieces, int j) {
    return new Config("only " + pieces.get(j).id() + " a TODO", Set.of(pieces.get(j).id()), null, j);
  }

  private static Set<String> ids(List<Piece> pieces) {
    return pieces.stream().map(Piece::id).collect(Collectors.toCollection(LinkedHashSet::new));
  }

  /** Whether the run got as far as the tests; a stub that does not compile, say, is a problem of its own. */
  private static boolean built(Config config, Outcome outcome, List<String> problems) {
    if (outcome.buildFailure() != null) {
      problems.add(config.name() + ": " + outcome.buildFailure());
      return false;
    }
    return true;
  }

  /** Pieces 1..k written: their own tests pass; a later piece's test fails naming a TODO piece at or before its own. */
  private static void checkPrefix(List<Piece> pieces, Config config, Outcome outcome, Map<String, Piece> owner,
      List<String> problems) {
    int k = config.k();
    owner.forEach((test, piece) -> {
      int j = pieces.indexOf(piece);
      if (!outcome.ran().contains(test)) {
        problems.add(config.name() + ": " + test + " (" + piece.id() + ") did not run");
      } else if (j < k && !outcome.passed(test)) {
        problems.add(config.name() + ": " + test + " of " + piece.id() + ", which is written, failed: "
            + firstLine(outcome.failures().get(test)));
      } else if (j >= k && !outcome.failedWithOneOf(test, pieces.subList(k, j + 1))) {
        problems.add(config.name() + ": " + test + " of " + piece.id() + (outcome.passed(test) ? " passed"
            : " failed without the message of " + (j == k ? piece.id() : "a TODO from " + pieces.get(k).id()
                + " to " + piece.id()) + ": " + firstLine(outcome.failures().get(test))));
      }
    });
  }

  /** Every piece a TODO, the whole step run: what fails is listed, with a piece's message; end to end all fails. */
  private static void checkEveryTodo(Outcome outcome, Map<String, Piece> owner, Set<String> endToEnd,
      List<Piece> pieces, List<String> problems) {
    for (String test : outcome.ran()) {
      if (owner.containsKey(test)) {
        continue;
      }
      boolean listed = endToEnd.contains(test);
      if (listed && outcome.passed(test)) {
        problems.add("every piece a TODO: end-to-end test " + test + " passed, so it tests no piece");
      } else if (!outcome.passed(test) && !outcome.failedWithOneOf(test, pieces)) {
        problems.add("every piece a TODO: " + test + " failed without a piece's message: "
            + firstLine(outcome.failures().get(test)));
      } else if (!listed && !outcome.passed(test)) {
        problems.add("every piece a TODO: " + test + " failed, but neither a piece nor [end-to-end] lists it");
      }
    }
  }

  /** Piece j alone a TODO: its own tests fail with its message, no earlier piece's test fails, later ones may. */
  private static void checkAlone(List<Piece> pieces, int j, Config config, Outcome outcome, Map<String, Piece> owner,
      List<String> problems) {
    Piece alone = pieces.get(j);
    owner.forEach((test, piece) -> {
      int i = pieces.indexOf(piece);
      if (i > j && !outcome.ran().contains(test)) {
        return;
      }
      if (!outcome.ran().contains(test)) {
        problems.add(config.name() + ": " + test + " (" + piece.id() + ") did not run");
      } else if (i == j && !outcome.failedWithOneOf(test, List.of(alone))) {
        problems.add(config.name() + ": its own test " + test + (outcome.passed(test) ? " passed"
            : " failed without its message: " + firstLine(outcome.failures().get(test))));
      } else if (i < j && !outcome.passed(test)) {
        problems.add(config.name() + ": " + test + " of the earlier piece " + piece.id() + " failed: "
            + firstLine(outcome.failures().get(test)));
      } else if (i > j && !outcome.passed(test) && !outcome.failedWithOneOf(test, List.of(alone))) {
        problems.add(config.name() + ": " + test + " of " + piece.id() + " failed without " + alone.id()
            + "'s message: " + firstLine(outcome.failures().get(test)));
      }
    });
  }

  /** Runs the step's tests ({@code entries}; the whole step when empty or deriving) with {@code config}'s stubs. */
  private Outcome run(Step step, Config config, List<String> entries) {
    return runner.run(step, config.stubbed(), derive ? List.of() : entries);
  }

  /**
   * Builds the step with Maven once, then runs each configuration on the class path that build wrote
   * ({@link ClassPathTestRun}): the stubbed files recompiled in this JVM, the tests run in the step's long-lived test JVMs.
   */
  private final class ClassPathRunner implements Runner {

    private final Map<Step, List<Path>> classPaths = new LinkedHashMap<>();

    @Override
    public Outcome run(Step step, Set<String> stubbed, List<String> entries) {
      long started = System.nanoTime();
      Path log = workbook.stateDir().resolve("last-run.log");
      List<Path> classPath = classPaths.get(step);
      if (classPath == null) {
        int status = new MavenTestRun(workbook.root(), step).buildOnly().quietly(log).run();
        if (status != 0) {
          return failedBuild(log, started);
        }
        classPath = StepClassPath.lastBuilt(workbook.root(), step).orElseThrow(() -> new WorkbookException(
            "Maven built " + step.module() + " but wrote no " + StepClassPath.FILE));
        classPaths.put(step, classPath);
      }
      List<Path> built = classPath;
      int status = new Stubs(workbook, step).with(stubbed, () -> new ClassPathTestRun(step, built)
          .tests(entries).quietly(log).run());
      if (status != 0) {
        return failedBuild(log, started);
      }
      SurefireReports reports = SurefireReports.read(step.dir());
      return new Outcome(reports.failures(), reports.all(), null, millisSince(started));
    }

    @Override
    public void finish(Step step) {
      WarmTestJvms.close(step);
      List<Path> classPath = classPaths.get(step);
      if (classPath != null) {
        String messages = new JavaCompile(step, classPath).compileStale() + GoBuild.ofStep(step);
        if (!messages.isEmpty()) {
          throw new WorkbookException("the reference code of " + step.id() + " does not compile:\n" + messages);
        }
      }
    }

    private Outcome failedBuild(Path log, long started) {
      String error = FileText.readLines(log).stream().filter(l -> l.contains("[ERROR]")).findFirst()
          .orElse("(no [ERROR] line)").replaceAll("\\e\\[[0-9;]*m", "");
      return new Outcome(Map.of(), Set.of(), "the build failed, see .workbook/last-run.log: " + error,
          millisSince(started));
    }

    private long millisSince(long started) {
      return (System.nanoTime() - started) / 1_000_000;
    }
  }

  private static void line(Config config, Outcome outcome, int problems) {
    System.out.printf("  %-45s %3d tests, %3d failed, %s, %.1f s%n", config.name(), outcome.ran().size(),
        outcome.failures().size(), problems == 0 ? "ok" : problems + " problem(s)", outcome.millis() / 1000.0);
  }

  private static boolean report(Step step, int runs, List<String> problems, long started) {
    problems.forEach(p -> System.out.println("  ✗ " + p));
    long seconds = Math.round((System.nanoTime() - started) / 1e9);
    System.out.println(problems.isEmpty()
        ? "verify " + step.id() + ": ok, " + runs + " runs in " + seconds + " s"
        : "verify " + step.id() + ": " + problems.size() + " problem(s), " + runs + " runs in " + seconds + " s");
    System.out.println();
    return problems.isEmpty();
  }

  /**
   * Prints the manifest that the runs imply. A test is an own test of piece j when the pieces whose TODO alone fails
   * it end with j, and it passes or fails in every configuration as the proof wants; a test that builds on more than
   * one piece goes to j only where the manifest lists it as some piece's own test. Any other test that a TODO fails
   * goes to the end-to-end set. Without {@code derive}, tests outside the own lists ran only in the first and last
   * runs: those that failed there go to the end-to-end set.
   */
  private void printImplied(Step step, Map<Config, Outcome> outcomes, Map<String, Piece> owner, Set<String> endToEnd,
      Set<String> allTests) {
    List<Piece> pieces = step.pieces();
    int n = pieces.size();
    Outcome everyTodo = outcomes.values().iterator().next();
    Map<Piece, Set<String>> own = new LinkedHashMap<>();
    pieces.forEach(p -> own.put(p, new TreeSet<>()));
    Set<String> implied = new TreeSet<>();
    Set<String> guessed = new TreeSet<>();
    Map<String, List<String>> builders = new TreeMap<>();
    for (String test : allTests) {
      boolean everyPrefix = outcomes.entrySet().stream().filter(e -> e.getKey().k() != null)
          .allMatch(e -> e.getValue().ran().contains(test));
      if (!everyPrefix) {
        if (!everyTodo.passed(test)) {
          implied.add(test);
          if (!endToEnd.contains(test)) {
            guessed.add(test);
          }
        }
        continue;
      }
      List<Integer> breakers = new ArrayList<>();
      for (int j = 0; j < n; j++) {
        int index = j;
        Outcome alone = outcomes.entrySet().stream().filter(e -> index == orMinus(e.getKey().alone()))
            .map(Map.Entry::getValue).findFirst().orElseThrow();
        if (alone.ran().contains(test) && !alone.passed(test)) {
          breakers.add(j);
        }
      }
      if (breakers.isEmpty()) {
        if (!everyTodo.passed(test)) {
          implied.add(test);
        }
        continue;
      }
      int j = breakers.get(breakers.size() - 1);
      if (breakers.size() > 1) {
        builders.put(test, breakers.stream().map(i -> pieces.get(i).id()).toList());
      }
      boolean valid = outcomes.entrySet().stream().filter(e -> e.getKey().k() != null).allMatch(e -> {
        int k = e.getKey().k();
        return k > j ? e.getValue().passed(test) : e.getValue().failedWithOneOf(test, pieces.subList(k, j + 1));
      });
      if (valid && (breakers.size() == 1 || owner.containsKey(test))) {
        own.get(pieces.get(j)).add(test);
      } else {
        implied.add(test);
      }
    }
    System.out.println("The manifest these runs imply (the tests lines of " + step.module() + "/workbook.toml):");
    own.forEach((piece, tests) -> System.out.println("  # " + piece.id() + "\n  tests = " + entries(tests, allTests)));
    System.out.println("  [end-to-end]\n  tests = " + entries(implied, allTests));
    if (derive && !builders.isEmpty()) {
      System.out.println("  Tests that several pieces' TODOs fail, each alone (an own test of the last where the"
          + " manifest lists it as an own test):");
      builders.forEach((test, ids) -> System.out.println("    " + test + ": " + String.join(", ", ids)));
    }
    if (!guessed.isEmpty()) {
      System.out.println("  (" + guessed + " ran only with every piece a TODO, where they failed; ./workbook verify"
          + " --derive " + step.id() + " runs them in every configuration, and can tell whether one piece owns them)");
    }
  }

  private static int orMinus(Integer value) {
    return value == null ? -1 : value;
  }

  /** Tests as manifest entries: a class name where every test of the class is in {@code tests}. */
  static String entries(Set<String> tests, Set<String> allTests) {
    List<String> entries = new ArrayList<>();
    Map<String, List<String>> byClass = new TreeMap<>();
    tests.forEach(t -> byClass.computeIfAbsent(t.split("#")[0], c -> new ArrayList<>()).add(t));
    byClass.forEach((cls, listed) -> {
      long total = allTests.stream().filter(t -> t.startsWith(cls + "#")).count();
      if (listed.size() == total) {
        entries.add(cls);
      } else {
        listed.stream().sorted().forEach(entries::add);
      }
    });
    return entries.stream().map(e -> "\"" + e + "\"").collect(Collectors.joining(", ", "[", "]"));
  }

  private static List<String> unknown(List<String> entries, Set<String> allTests) {
    return entries.stream().filter(e -> allTests.stream().noneMatch(t -> SurefireReports.names(e, t))).toList();
  }

  private static String firstLine(String text) {
    return text == null ? "" : text.lines().findFirst().orElse("");
  }
}
