package io.gopluginjava.workbook;

import io.gopluginjava.workbook.Ledger.Mark;
import io.gopluginjava.workbook.Ledger.State;
import java.io.Console;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The reader's workbook commands, and CI's proof that the workbook works. Run it from the repository root with
 * {@code ./workbook}, which compiles this package's JDK-only classes once and runs them.
 *
 * <p>A <em>piece</em> is a region of reference code between {@code // workbook:begin <id>} and
 * {@code // workbook:end} ({@code #} for Python) that ends its function, in a Java, Python or Go source of a step's
 * {@code src/main} (see {@link Language}). Each step's {@code workbook.toml} ({@link Manifest}) lists the pieces in
 * learning order with a title, the TUTORIAL.md section, a hint and the piece's own tests, then the step's end-to-end
 * tests. {@code start} replaces each region with one line that fails with the piece's message ({@code throw new
 * UnsupportedOperationException("TODO …")} in Java); {@code reveal}, {@code reset} and {@code restore} put code back, after saving whatever the
 * reader had written under {@code .workbook/backups/}.
 */
public final class Workbook {

  static final String USAGE = """
      usage: ./workbook <command> [step] [piece] [options]

        progress [step]         the pieces of a step (or of every step): TODO or written, whether their own tests
                                passed on the code as it is now, and the step's end-to-end milestone
        start <step>            turn the step's pieces into TODOs: their tests go red, one piece at a time (a piece
                                you have written or revealed stays as it is)
        watch <step> [--once]   run the own tests of what you changed whenever you save; as soon as a piece's pass,
                                point at the next; after the last, run the step's end-to-end tests.
                                --once: one round, then exit: 0 when the step is done, 1 when it is not
        hint <step> <piece>     a nudge for one piece, and where to read more
        reveal <step> <piece>   put the reference code in one piece (your version is saved first)
        reset <step> [--yes]    put the reference code in every piece (your versions are saved first); asks first
        restore <step> <piece> [backup]
                                put back a version that reveal, reset or restore saved (what the piece holds is
                                saved first); lists the saved versions when there are several
        verify [--derive] [step...]
                                for CI: with pieces 1..k written and the rest TODOs, for every k, the own tests of
                                1..k pass and the others fail with a TODO's message; each piece's TODO alone fails
                                its own tests; the end-to-end tests pass. --derive runs every test in every
                                configuration and prints the manifest the runs imply
        excerpts [--write]      check (or rewrite) TUTORIAL.md's code excerpts and the docs' sample outputs

      A step is named by its number or directory: 1, step01, step01-netrpc-basic.
      Saved versions are in .workbook/backups/ (git ignores .workbook/).
      """;

  private final Path root;
  private final Sources sources;
  private final References references;
  private final Ledger ledger;
  private final Backups backups;
  private final Results results;
  private final Tutorial tutorial;

  public Workbook(Path root) {
    this.root = root.toAbsolutePath().normalize();
    this.sources = new Sources(this.root);
    this.references = new References(this.root, sources);
    this.ledger = new Ledger(this.root);
    this.backups = new Backups(this.root);
    this.results = new Results(this.root);
    this.tutorial = new Tutorial(this.root);
  }

  public static void main(String[] args) {
    Workbook workbook = new Workbook(Path.of(System.getProperty("workbook.root", ".")));
    try {
      System.exit(workbook.run(List.of(args)));
    } catch (WorkbookException e) {
      System.err.println("workbook: " + e.getMessage());
      System.exit(2);
    }
  }

  int run(List<String> arguments) {
    if (arguments.isEmpty() || arguments.get(0).equals("help") || arguments.get(0).equals("--help")) {
      System.out.print(USAGE);
      return arguments.isEmpty() ? 2 : 0;
    }
    String command = arguments.get(0);
    List<String> flags = arguments.stream().skip(1).filter(a -> a.startsWith("--")).toList();
    List<String> rest = arguments.stream().skip(1).filter(a -> !a.startsWith("--")).toList();
    ReaderCommands reader = new ReaderCommands(this);
    return switch (command) {
      case "progress" -> {
        allow(command, flags);
        for (Step step : rest.isEmpty() ? steps() : List.of(step(rest.get(0)))) {
          new Progress(this).print(step);
        }
        yield 0;
      }
      case "start" -> reader.start(step(allow(command, flags, arg(rest, 0, "step"))));
      case "hint" -> reader.hint(step(allow(command, flags, arg(rest, 0, "step"))), arg(rest, 1, "piece"));
      case "reveal" -> reader.reveal(step(allow(command, flags, arg(rest, 0, "step"))), arg(rest, 1, "piece"));
      case "reset" -> {
        Step step = step(allow(command, flags, arg(rest, 0, "step"), "--yes"));
        yield reader.reset(step, flags.contains("--yes") ? question -> true : console(step));
      }
      case "restore" -> reader.restore(step(allow(command, flags, arg(rest, 0, "step"))), arg(rest, 1, "piece"),
          rest.size() > 2 ? rest.get(2) : null);
      case "watch" -> new Watch(this).run(step(allow(command, flags, arg(rest, 0, "step"), "--once")),
          flags.contains("--once"));
      case "verify" -> {
        allow(command, flags, "", "--derive");
        long started = System.nanoTime();
        boolean ok = true;
        List<Step> chosen = rest.isEmpty() ? steps() : rest.stream().map(this::step).toList();
        // Before any step is stubbed: stubbing one step makes every later step's reports look older than its sources.
        Map<Step, Optional<Verifier.Outcome>> lastMavenRuns = new LinkedHashMap<>();
        chosen.forEach(step -> lastMavenRuns.put(step, LastMavenRun.of(this, step, Verifier.lastRunEntries(step))));
        for (Step step : chosen) {
          ok &= new Verifier(this, flags.contains("--derive")).verify(step, lastMavenRuns.get(step));
        }
        long seconds = Math.round((System.nanoTime() - started) / 1e9);
        System.out.printf("verify: %s in %d s%n", ok ? "ok" : "FAILED", seconds);
        yield ok ? 0 : 1;
      }
      case "excerpts" -> {
        allow(command, flags, "", "--write");
        yield excerpts(flags.contains("--write"));
      }
      default -> throw new WorkbookException("unknown command \"" + command + "\"\n" + USAGE);
    };
  }

  private static String arg(List<String> args, int index, String what) {
    if (args.size() <= index) {
      throw new WorkbookException("this command needs a " + what + "\n" + USAGE);
    }
    return args.get(index);
  }

  /** Refuses an option the command does not know, rather than ignoring a typo; returns {@code value}. */
  private static String allow(String command, List<String> flags, String value, String... known) {
    for (String flag : flags) {
      if (!List.of(known).contains(flag)) {
        throw new WorkbookException(command + " has no option " + flag + (known.length == 0 ? ""
            : "; it takes " + String.join(", ", known)) + "\n" + USAGE);
      }
    }
    return value;
  }

  private static void allow(String command, List<String> flags) {
    allow(command, flags, "");
  }

  /** Asks on the terminal; without one (a script, CI), refuses with what to type instead. */
  private static ReaderCommands.Confirmation console(Step step) {
    Console console = System.console();
    if (console == null) {
      return question -> {
        throw new WorkbookException(question.replaceAll("\\?$", "") + ": there is no terminal to ask you, so"
            + " nothing changed. To go ahead, run ./workbook reset " + step.id() + " --yes");
      };
    }
    return question -> {
      String answer = console.readLine("%s [y/N] ", question);
      return answer != null && answer.strip().toLowerCase(java.util.Locale.ROOT).matches("y|yes");
    };
  }

  // ---------------------------------------------------------------- the repository: steps, pieces, their state

  /** {@code step} and the steps before it: the modules {@code mvn -pl step -am} builds. */
  List<Step> stepsUpTo(Step step) {
    return steps().stream().filter(s -> s.id().compareTo(step.id()) <= 0).toList();
  }

  List<Step> steps() {
    try (Stream<Path> dirs = Files.list(root)) {
      return dirs.filter(dir -> dir.getFileName().toString().matches("step\\d\\d-.+"))
          .filter(dir -> Files.exists(dir.resolve("workbook.toml")))
          .sorted()
          .map(this::loadStep)
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  Step step(String name) {
    String wanted = name.matches("\\d+") ? String.format("step%02d", Integer.parseInt(name)) : name;
    return steps().stream()
        .filter(s -> s.id().equals(wanted) || s.module().equals(wanted))
        .findFirst()
        .orElseThrow(() -> new WorkbookException("no step \"" + name + "\" with a workbook.toml; there are "
            + steps().stream().map(Step::id).toList()));
  }

  private Step loadStep(Path dir) {
    String id = dir.getFileName().toString().substring(0, "stepNN".length());
    Manifest manifest = Manifest.read(dir.resolve("workbook.toml"), id);
    return new Step(id, dir, manifest.pieces(), manifest.endToEnd());
  }

  /** Every marked region of a step's main sources, by piece id. */
  Map<String, Region> regions(Step step) {
    return sources.regions(step);
  }

  /** What a piece holds now: a TODO, the reader's code, revealed or untouched reference code. */
  State state(Piece piece, Region region) {
    if (region.isStub()) {
      return State.TODO;
    }
    Mark mark = ledger.of(piece.step()).get(piece.id());
    boolean reference = references.holds(piece, region);
    if (mark == null) {
      return reference ? State.REFERENCE : State.WRITTEN;
    }
    return mark == Mark.REVEALED && reference ? State.REVEALED : State.WRITTEN;
  }

  /** A warning when a step this one builds on still has TODOs: its tests would fail there, not here. */
  Optional<String> upstreamTodos(Step step) {
    List<String> lines = new ArrayList<>();
    for (Step earlier : steps()) {
      if (earlier.id().compareTo(step.id()) >= 0) {
        continue;
      }
      Map<String, Region> regions = regions(earlier);
      List<String> todos = earlier.pieces().stream().filter(p -> regions.get(p.id()).isStub()).map(Piece::id).toList();
      if (!todos.isEmpty()) {
        lines.add("  " + earlier.id() + " has " + todos.size() + " TODO(s): " + String.join(", ", todos)
            + ". Finish them (./workbook watch " + earlier.id() + ") or put the reference back (./workbook reset "
            + earlier.id() + ").");
      }
    }
    return lines.isEmpty() ? Optional.empty() : Optional.of("Note: " + step.id() + " runs on the code of the steps"
        + " before it, and\n" + String.join("\n", lines) + "\n  Until then, tests here may fail with their TODOs.");
  }

  /** What is wrong with a step's workbook itself: manifest against markers, tests, TUTORIAL sections. */
  List<String> consistencyProblems(Step step) {
    List<String> problems = new ArrayList<>();
    Map<String, Region> regions = regions(step);
    Map<String, Optional<String>> anchors = tutorial.anchors();
    Map<String, String> listedBy = new LinkedHashMap<>();
    for (Piece piece : step.pieces()) {
      if (!regions.containsKey(piece.id())) {
        problems.add(step.id() + "/workbook.toml lists " + piece.id() + ", but no source marks it with workbook:begin");
      }
      if (piece.tests().isEmpty()) {
        problems.add(piece.qualifiedId() + " lists no tests: a piece whose TODO breaks no test is a defect");
      }
      if (!anchors.containsKey(piece.anchor())) {
        problems.add(piece.qualifiedId() + " points at TUTORIAL.md#" + piece.anchor() + ", which no heading makes");
      } else if (!anchors.get(piece.anchor()).equals(Optional.of(step.id()))) {
        problems.add(piece.qualifiedId() + " points at TUTORIAL.md#" + piece.anchor() + ", which is "
            + anchors.get(piece.anchor()).map(s -> "in the part of " + s).orElse("outside the steps' parts")
            + ": a piece's section belongs in its step's part");
      }
      piece.tests().forEach(test -> listedTwice(test, piece.id(), listedBy, problems));
    }
    step.endToEnd().tests().forEach(test -> listedTwice(test, "[end-to-end]", listedBy, problems));
    step.pieces().stream().map(Piece::id).forEach(id -> regions.remove(id));
    regions.values().forEach(region -> problems.add(sources.where(region.file(), region.begin()) + " marks piece "
        + region.pieceId() + ", which " + step.id() + "/workbook.toml does not list"));
    return problems;
  }

  /** A test is listed once: as one piece's own test, or as an end-to-end test. */
  private static void listedTwice(String entry, String by, Map<String, String> listedBy, List<String> problems) {
    listedBy.forEach((other, otherBy) -> {
      if (SurefireReports.names(entry, other) || SurefireReports.names(other, entry)) {
        problems.add(entry + " is listed by " + otherBy + " and by " + by + ": a test belongs to one piece,"
            + " or to the end-to-end set");
      }
    });
    listedBy.put(entry, by);
  }

  /**
   * What is wrong with the code excerpts and the sample outputs of TUTORIAL.md and README.md, and the links (nothing,
   * when empty). With {@code write} they are fixed instead, where a source says what they must be.
   */
  public List<String> excerptProblems(boolean write) {
    List<String> problems = new ArrayList<>(tutorial.excerptProblems(write));
    problems.addAll(new OutputBlocks(root).problems(write));
    problems.addAll(tutorial.linkProblems());
    return problems;
  }

  private int excerpts(boolean write) {
    List<String> problems = excerptProblems(write);
    problems.forEach(p -> System.out.println("  ✗ " + p));
    System.out.println(problems.isEmpty() ? "TUTORIAL.md, README.md: every excerpt matches its source, every sample output its recorded run"
        : "TUTORIAL.md, README.md: " + problems.size() + " excerpt(s) or output(s) out of date; run ./workbook excerpts --write");
    return problems.isEmpty() ? 0 : 1;
  }

  Path root() {
    return root;
  }

  Path stateDir() {
    return root.resolve(".workbook");
  }

  Sources sources() {
    return sources;
  }

  References references() {
    return references;
  }

  Ledger ledger() {
    return ledger;
  }

  Backups backups() {
    return backups;
  }

  Results results() {
    return results;
  }

  Tutorial tutorial() {
    return tutorial;
  }
}
