package io.gopluginjava.workbook;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The reader's workbook commands, and CI's proof that the workbook works. Run it from the repository root with
 * {@code ./workbook} (which runs this file with {@code java}, no build needed). It uses nothing but the JDK.
 *
 * <p>A <em>piece</em> is a region of reference code between {@code // workbook:begin <id>} and
 * {@code // workbook:end} ({@code #} for Python) that ends its function, in a Java, Python or Go source of a step's
 * {@code src/main} (see {@link Language}). Each step's {@code workbook.toml} lists the pieces in learning order
 * with a title, the TUTORIAL.md section, a hint and the tests that go red while the piece is a TODO. {@code start}
 * replaces each region with one line that fails with the piece's message ({@code throw new Todo(...)} in Java);
 * {@code reveal} and {@code reset} put the reference back, after saving whatever the reader had written under
 * {@code .workbook/backups/}.
 */
public final class Workbook {

  static final String USAGE = """
      usage: ./workbook <command> [step] [piece]

        progress [step]        the pieces of a step (or of every step): which are TODO, written, passing
        start <step>           turn the step's pieces into TODOs: its tests go red, one piece at a time
        hint <step> <piece>    a nudge for one piece, and where to read more
        reveal <step> <piece>  put the reference code back for one piece (your version is saved first)
        reset <step>           put the reference code back for every piece (your versions are saved first)
        watch <step>           re-run the current piece's tests whenever you save, then point at the next piece
        verify [step...]       for CI: each piece's TODO turns exactly its listed tests red, with its message
        excerpts [--write]     check (or rewrite) the code excerpts in TUTORIAL.md against the tested sources

      A step is named by its number or directory: 1, step01, step01-netrpc-basic.
      """;

  /** Where a string literal goes in a {@link Language}'s stub template (out of the enum: its constants come first). */
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{(id|title|anchor|message)\\}");
  private static final String ANY_LITERAL = "\"(?:[^\"\\\\]|\\\\.)*\"";
  private static final Pattern EXCERPT =
      Pattern.compile("<!-- excerpt: ([^#\\s]+)#([a-z0-9-]+) -->\\n(?:```(\\w*)\\n(.*?)```\\n)?<!-- /excerpt -->",
          Pattern.DOTALL);

  private final Path root;

  public Workbook(Path root) {
    this.root = root.toAbsolutePath().normalize();
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

  int run(List<String> args) {
    if (args.isEmpty() || args.get(0).equals("help") || args.get(0).equals("--help")) {
      System.out.print(USAGE);
      return args.isEmpty() ? 2 : 0;
    }
    String command = args.get(0);
    List<String> rest = args.subList(1, args.size());
    switch (command) {
      case "progress" -> {
        for (Step step : rest.isEmpty() ? steps() : List.of(step(rest.get(0)))) {
          printProgress(step);
        }
        return 0;
      }
      case "start" -> {
        return start(step(arg(rest, 0, "step")));
      }
      case "hint" -> {
        return hint(step(arg(rest, 0, "step")), arg(rest, 1, "piece"));
      }
      case "reveal" -> {
        return reveal(step(arg(rest, 0, "step")), arg(rest, 1, "piece"));
      }
      case "reset" -> {
        return reset(step(arg(rest, 0, "step")));
      }
      case "watch" -> {
        return watch(step(arg(rest, 0, "step")));
      }
      case "verify" -> {
        List<Step> chosen = rest.isEmpty() ? steps() : rest.stream().map(this::step).toList();
        boolean ok = true;
        for (Step step : chosen) {
          ok &= verify(step);
        }
        return ok ? 0 : 1;
      }
      case "excerpts" -> {
        return excerpts(rest.contains("--write"));
      }
      default -> throw new WorkbookException("unknown command \"" + command + "\"\n" + USAGE);
    }
  }

  private static String arg(List<String> args, int index, String what) {
    if (args.size() <= index) {
      throw new WorkbookException("this command needs a " + what + "\n" + USAGE);
    }
    return args.get(index);
  }

  // ---------------------------------------------------------------- the model: steps, pieces, regions

  /** One step of the tutorial: a directory {@code stepNN-slug} with a {@code workbook.toml}. */
  record Step(String id, Path dir, List<Piece> pieces) {
    Piece piece(String pieceId) {
      return pieces.stream().filter(p -> p.id().equals(pieceId)).findFirst().orElseThrow(() -> new WorkbookException(
          "step " + id + " has no piece \"" + pieceId + "\"; its pieces are "
              + pieces.stream().map(Piece::id).toList()));
    }
  }

  /** One entry of a manifest. */
  record Piece(String step, String id, String title, String anchor, String hint, List<String> tests) {
    String qualifiedId() {
      return step + "/" + id;
    }

    String todoLine() {
      return Todo.message(qualifiedId(), title, "TUTORIAL.md#" + anchor);
    }
  }

  /** Where a piece's code is: the lines strictly between its begin and end markers. */
  record Region(Path file, String pieceId, int begin, int end, String indent, List<String> body) {
    int firstLine() {
      return begin + 2;
    }

    Language language() {
      return Language.of(file).orElseThrow(() -> new WorkbookException(file.getFileName()
          + ": pieces can be written in " + Language.extensions() + " files only"));
    }
  }

  // ---------------------------------------------------------------- the languages pieces are written in

  /**
   * One row per language that pieces may be written in, with all that the workbook needs to know about it: the
   * source file's extension, the fence of its TUTORIAL.md excerpts, the line comment that starts markers and tags,
   * the stub that stands for a piece ({@code {id}}, {@code {title}}, {@code {anchor}} and {@code {message}} become
   * string literals), how a string literal is written, and how a piece shows that it ends its function.
   */
  enum Language {
    JAVA("java", "java", "//", "throw new io.gopluginjava.workbook.Todo({id}, {title}, {anchor});",
        Workbook::doubleQuoted, EndRule.CLOSING_BRACE),
    PYTHON("py", "python", "#", "raise NotImplementedError({message})", Workbook::doubleQuoted, EndRule.DEDENT),
    GO("go", "go", "//", "panic({message})", Workbook::doubleQuoted, EndRule.CLOSING_BRACE);

    final String extension;
    final String fence;
    final String comment;
    final Markers markers;
    final EndRule endRule;
    private final String stubTemplate;
    private final UnaryOperator<String> literal;
    private final Pattern stub;

    Language(String extension, String fence, String comment, String stubTemplate, UnaryOperator<String> literal,
        EndRule endRule) {
      this.extension = extension;
      this.fence = fence;
      this.comment = comment;
      this.markers = Markers.forComment(Pattern.quote(comment));
      this.endRule = endRule;
      this.stubTemplate = stubTemplate;
      this.literal = literal;
      this.stub = Pattern.compile(Stream.of(PLACEHOLDER.split(stubTemplate, -1)).map(Pattern::quote)
          .collect(Collectors.joining(ANY_LITERAL)));
    }

    static Optional<Language> of(Path file) {
      String name = file.getFileName().toString();
      return Stream.of(values()).filter(l -> name.endsWith("." + l.extension)).findFirst();
    }

    static List<String> extensions() {
      return Stream.of(values()).map(l -> "." + l.extension).toList();
    }

    /** The one line that stands for a piece: it compiles, and fails with the piece's TODO line when it runs. */
    String stub(Piece piece, String indent) {
      Map<String, String> values = Map.of("id", piece.qualifiedId(), "title", piece.title(),
          "anchor", "TUTORIAL.md#" + piece.anchor(), "message", piece.todoLine());
      return indent + PLACEHOLDER.matcher(stubTemplate)
          .replaceAll(m -> Matcher.quoteReplacement(literal.apply(values.get(m.group(1)))));
    }

    /** Whether a piece's body is a stub of this language (whatever its message: the manifest may have changed). */
    boolean isStub(List<String> body) {
      return body.size() == 1 && stub.matcher(body.get(0).strip()).matches();
    }

    /** The index of the first line after {@code end} that the end rule looks at; {@code lines.size()} at the end. */
    int lineAfter(List<String> lines, int end) {
      int i = end + 1;
      while (i < lines.size() && (lines.get(i).isBlank()
          || endRule.skipsComments && lines.get(i).strip().startsWith(comment))) {
        i++;
      }
      return i;
    }
  }

  /** How a piece shows that it ends its function: by what comes after its {@code workbook:end}. */
  enum EndRule {
    /** Java, Go: the next non-blank line closes the function (a brace, maybe with {@code );}), left of the piece. */
    CLOSING_BRACE("the closing } of its function", false) {
      @Override
      boolean allows(String next, int indent) {
        return next != null && next.strip().matches("\\}[);,]*") && indentation(next) < indent;
      }
    },
    /** Python: the next line of code (comments do not count) is left of the piece, or the file ends. */
    DEDENT("a line indented less than the piece (or the end of the file)", true) {
      @Override
      boolean allows(String next, int indent) {
        return next == null || indentation(next) < indent;
      }
    };

    final String expected;
    final boolean skipsComments;

    EndRule(String expected, boolean skipsComments) {
      this.expected = expected;
      this.skipsComments = skipsComments;
    }

    /** Whether {@code next}, the line after the piece ({@code null} at the end of the file), ends the function. */
    abstract boolean allows(String next, int indent);

    private static int indentation(String line) {
      return line.length() - line.stripLeading().length();
    }
  }

  /** The marker and tag patterns for one line-comment syntax, given as a regular expression. */
  record Markers(Pattern begin, Pattern end, Pattern tag) {
    /** For files whose language has no row in {@link Language} (.proto, say): either comment syntax. */
    static final Markers ANY = forComment("(?://|#)");

    static Markers forComment(String comment) {
      return new Markers(Pattern.compile("^(\\s*)" + comment + " workbook:begin ([a-z0-9-]+)\\s*$"),
          Pattern.compile("^\\s*" + comment + " workbook:end\\s*$"),
          Pattern.compile(comment + " tag::([a-z0-9-]+)\\[\\]"));
    }

    static Markers of(Path file) {
      return Language.of(file).map(l -> l.markers).orElse(ANY);
    }
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
        .filter(s -> s.id().equals(wanted) || s.dir().getFileName().toString().equals(wanted))
        .findFirst()
        .orElseThrow(() -> new WorkbookException("no step \"" + name + "\" with a workbook.toml; there are "
            + steps().stream().map(Step::id).toList()));
  }

  private Step loadStep(Path dir) {
    String id = dir.getFileName().toString().substring(0, "stepNN".length());
    return new Step(id, dir, Manifest.read(dir.resolve("workbook.toml"), id));
  }

  /** Every marked region of a step's main sources (Java, Python and Go), by piece id. */
  Map<String, Region> regions(Step step) {
    Map<String, Region> regions = new LinkedHashMap<>();
    for (Path file : sourceFiles(step.dir().resolve("src/main"))) {
      for (Region region : regionsIn(file)) {
        if (regions.put(region.pieceId(), region) != null) {
          throw new WorkbookException(where(file, region.begin()) + ": piece " + region.pieceId() + " is marked twice");
        }
      }
    }
    return regions;
  }

  private List<Region> regionsIn(Path file) {
    Markers markers = Markers.of(file);
    List<String> lines = readLines(file);
    List<Region> regions = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      Matcher begin = markers.begin().matcher(lines.get(i));
      if (!begin.matches()) {
        continue;
      }
      int end = i + 1;
      while (end < lines.size() && !markers.end().matcher(lines.get(end)).matches()) {
        if (markers.begin().matcher(lines.get(end)).matches()) {
          throw new WorkbookException(where(file, end) + ": a piece starts inside piece " + begin.group(2));
        }
        end++;
      }
      if (end == lines.size()) {
        throw new WorkbookException(where(file, i) + ": piece " + begin.group(2) + " has no workbook:end");
      }
      Region region = new Region(file, begin.group(2), i, end, begin.group(1), List.copyOf(lines.subList(i + 1, end)));
      requireEndsFunction(region, lines);
      regions.add(region);
    }
    return regions;
  }

  /** A piece must end its function: its stub then leaves no code after it that would be unreachable or never run. */
  private void requireEndsFunction(Region region, List<String> lines) {
    Language language = region.language();
    int after = language.lineAfter(lines, region.end());
    String next = after < lines.size() ? lines.get(after) : null;
    if (!language.endRule.allows(next, region.indent().length())) {
      throw new WorkbookException(where(region.file(), next == null ? region.end() : after) + ": piece "
          + region.pieceId() + " must end its function, so after its workbook:end comes " + language.endRule.expected
          + ", not " + (next == null ? "the end of the file" : "\"" + next.strip() + "\""));
    }
  }

  /** The manifest and the markers must name the same pieces. */
  List<String> consistencyProblems(Step step) {
    List<String> problems = new ArrayList<>();
    Map<String, Region> regions = regions(step);
    for (Piece piece : step.pieces()) {
      if (!regions.containsKey(piece.id())) {
        problems.add(step.id() + "/workbook.toml lists " + piece.id() + ", but no source marks it with workbook:begin");
      }
      if (piece.tests().isEmpty()) {
        problems.add(piece.qualifiedId() + " lists no tests: a piece whose TODO breaks no test is a defect");
      }
      if (!tutorialAnchors().contains(piece.anchor())) {
        problems.add(piece.qualifiedId() + " points at TUTORIAL.md#" + piece.anchor() + ", which no heading makes");
      }
    }
    Set<String> listed = step.pieces().stream().map(Piece::id).collect(Collectors.toSet());
    regions.keySet().stream().filter(id -> !listed.contains(id)).forEach(id ->
        problems.add(where(regions.get(id).file(), regions.get(id).begin()) + " marks piece " + id
            + ", which " + step.id() + "/workbook.toml does not list"));
    return problems;
  }

  // ---------------------------------------------------------------- states of a piece

  enum State { TODO, REFERENCE, WRITTEN }

  /**
   * A piece holds the reference code when it matches the copy saved at {@code start} or the committed one (the
   * author's edits since a start count as reference once committed), or when no reference is known at all.
   */
  State state(Piece piece, Region region) {
    if (isStub(region)) {
      return State.TODO;
    }
    Optional<List<String>> saved = savedReference(piece);
    Optional<List<String>> committed = committedRegion(region);
    if (saved.isEmpty() && committed.isEmpty()) {
      return State.REFERENCE;
    }
    return saved.equals(Optional.of(region.body())) || committed.equals(Optional.of(region.body()))
        ? State.REFERENCE : State.WRITTEN;
  }

  private Optional<List<String>> savedReference(Piece piece) {
    Path saved = stateDir().resolve("reference").resolve(piece.step()).resolve(piece.id() + ".txt");
    return Files.exists(saved) ? Optional.of(readLines(saved)) : Optional.empty();
  }

  private static boolean isStub(Region region) {
    return region.language().isStub(region.body());
  }

  /** The stub that stands in for a piece: one line, at the piece's indentation, that fails with the piece's message. */
  static String stubLine(Piece piece, Region region) {
    return region.language().stub(piece, region.indent());
  }

  /**
   * A double-quoted string literal that means {@code s} in Java, Go and Python alike: a backslash before {@code \}
   * and {@code "}, control characters as three-digit octal escapes (which all three read), the rest as it is (UTF-8).
   */
  static String doubleQuoted(String s) {
    StringBuilder literal = new StringBuilder("\"");
    s.codePoints().forEach(c -> {
      if (c == '\\' || c == '"') {
        literal.append('\\').appendCodePoint(c);
      } else if (c < 0x20) {
        literal.append(String.format("\\%03o", c));
      } else {
        literal.appendCodePoint(c);
      }
    });
    return literal.append('"').toString();
  }

  /** The reference code of a piece: saved when the step was started, or else as committed in git. */
  Optional<List<String>> reference(Piece piece, Region region) {
    return savedReference(piece).or(() -> committedRegion(region));
  }

  private Optional<List<String>> committedRegion(Region region) {
    try {
      Process git = new ProcessBuilder("git", "show", "HEAD:" + root.relativize(region.file()).toString().replace('\\', '/'))
          .directory(root.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
      String text = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (git.waitFor() != 0) {
        return Optional.empty();
      }
      List<String> lines = text.lines().toList();
      Markers markers = Markers.of(region.file());
      for (int i = 0; i < lines.size(); i++) {
        Matcher begin = markers.begin().matcher(lines.get(i));
        if (begin.matches() && begin.group(2).equals(region.pieceId())) {
          int end = i + 1;
          while (end < lines.size() && !markers.end().matcher(lines.get(end)).matches()) {
            end++;
          }
          List<String> body = List.copyOf(lines.subList(i + 1, end));
          return region.language().isStub(body) ? Optional.empty() : Optional.of(body);
        }
      }
      return Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }

  private Path stateDir() {
    return root.resolve(".workbook");
  }

  // ---------------------------------------------------------------- reader commands

  int start(Step step) {
    Map<String, Region> regions = regions(step);
    List<String> problems = consistencyProblems(step);
    if (!problems.isEmpty()) {
      throw new WorkbookException("the workbook of " + step.id() + " is inconsistent:\n  " + String.join("\n  ", problems));
    }
    List<String> kept = new ArrayList<>();
    int stubbed = 0;
    for (Piece piece : step.pieces()) {
      Region region = regions(step).get(piece.id());
      State state = state(piece, region);
      if (state == State.TODO) {
        continue;
      }
      if (state == State.WRITTEN) {
        kept.add(piece.id());
        continue;
      }
      save(stateDir().resolve("reference").resolve(step.id()).resolve(piece.id() + ".txt"), region.body());
      replace(region, List.of(stubLine(piece, region)));
      stubbed++;
    }
    System.out.println(step.id() + ": " + stubbed + " piece(s) turned into TODOs" + (kept.isEmpty() ? ""
        : "; your own code in " + kept + " was left as it is"));
    System.out.println();
    printProgress(step);
    System.out.println("Next: read TUTORIAL.md#" + step.pieces().get(0).anchor() + ", then run ./workbook watch "
        + step.id() + " (or mvn test -pl " + step.dir().getFileName() + ").");
    return regions.isEmpty() ? 1 : 0;
  }

  int hint(Step step, String pieceId) {
    Piece piece = step.piece(pieceId);
    Region region = regions(step).get(pieceId);
    System.out.println(piece.qualifiedId() + ": " + piece.title());
    System.out.println("  where: " + where(region.file(), region.begin()));
    System.out.println("  read:  TUTORIAL.md#" + piece.anchor());
    System.out.println("  tests: " + String.join(", ", piece.tests()));
    System.out.println("  hint:  " + piece.hint());
    return 0;
  }

  int reveal(Step step, String pieceId) {
    Piece piece = step.piece(pieceId);
    Region region = regions(step).get(pieceId);
    Optional<Path> backup = restore(piece, region, timestamp());
    System.out.println("Revealed " + piece.qualifiedId() + " in " + where(region.file(), region.begin()) + ":");
    reference(piece, region).orElseThrow().forEach(line -> System.out.println("  " + line));
    backup.ifPresent(path -> System.out.println("Your version was saved in " + root.relativize(path)));
    return 0;
  }

  int reset(Step step) {
    String stamp = timestamp();
    List<Path> backups = new ArrayList<>();
    for (Piece piece : step.pieces()) {
      restore(piece, regions(step).get(piece.id()), stamp).ifPresent(backups::add);
    }
    System.out.println(step.id() + ": every piece holds the reference code again.");
    if (!backups.isEmpty()) {
      System.out.println("Your own versions of " + backups.size() + " piece(s) were saved in "
          + root.relativize(backups.get(0).getParent()));
    }
    return 0;
  }

  /** Puts a piece's reference code back; whatever the reader had written there is saved first. */
  private Optional<Path> restore(Piece piece, Region region, String stamp) {
    List<String> reference = reference(piece, region).orElseThrow(() -> new WorkbookException(
        "no reference code for " + piece.qualifiedId() + ": neither .workbook/reference nor git HEAD has it"));
    if (reference.equals(region.body())) {
      return Optional.empty();
    }
    Optional<Path> backup = Optional.empty();
    if (!isStub(region)) {
      Path path = stateDir().resolve("backups").resolve(stamp).resolve(piece.step()).resolve(piece.id() + ".txt");
      save(path, region.body());
      backup = Optional.of(path);
    }
    replace(region, reference);
    return backup;
  }

  void printProgress(Step step) {
    Map<String, Region> regions = regions(step);
    Reports reports = Reports.read(step.dir());
    List<String[]> rows = new ArrayList<>();
    int done = 0;
    for (Piece piece : step.pieces()) {
      Region region = regions.get(piece.id());
      State state = region == null ? null : state(piece, region);
      String tests = reports.summary(piece.tests());
      if (state != State.TODO && tests.startsWith("passing")) {
        done++;
      }
      rows.add(new String[] {String.valueOf(rows.size() + 1), piece.id(),
          state == null ? "missing" : state.name().toLowerCase(Locale.ROOT), tests, "TUTORIAL.md#" + piece.anchor()});
    }
    System.out.println(step.dir().getFileName() + ": " + done + " of " + step.pieces().size() + " pieces done");
    System.out.print(table(List.of("#", "piece", "code", "its tests (last run)", "read"), rows));
    System.out.println();
  }

  int watch(Step step) {
    System.out.println("Watching " + step.dir().getFileName() + "/src: save a file to re-run the current piece's tests."
        + " Ctrl-C to stop.");
    String lastSeen = "";
    while (true) {
      String now = fingerprint(step.dir().resolve("src"));
      if (!now.equals(lastSeen)) {
        lastSeen = now;
        Optional<Piece> current = currentPiece(step);
        if (current.isEmpty()) {
          runTests(step, List.of(), false);
          printProgress(step);
          System.out.println("Every piece of " + step.id() + " is done. On to the next step in TUTORIAL.md!");
          return 0;
        }
        Piece piece = current.get();
        System.out.println("\n== " + piece.qualifiedId() + ": " + piece.title());
        runTests(step, piece.tests(), false);
        Reports reports = Reports.read(step.dir());
        System.out.println("   its tests: " + reports.summary(piece.tests()));
        currentPiece(step).ifPresent(next -> System.out.println("   next: " + next.qualifiedId() + " — read TUTORIAL.md#"
            + next.anchor() + " (hint: ./workbook hint " + step.id() + " " + next.id() + ")"));
      }
      try {
        Thread.sleep(1000); // polling the file tree once a second is plenty for a person saving files
      } catch (InterruptedException e) {
        return 130;
      }
    }
  }

  /** The first piece, in manifest order, that is still a TODO or whose tests do not all pass. */
  private Optional<Piece> currentPiece(Step step) {
    Map<String, Region> regions = regions(step);
    Reports reports = Reports.read(step.dir());
    return step.pieces().stream()
        .filter(p -> state(p, regions.get(p.id())) == State.TODO || !reports.summary(p.tests()).startsWith("passing"))
        .findFirst();
  }

  // ---------------------------------------------------------------- CI: the workbook proves itself

  /**
   * For each piece: stub it alone, run the step's tests, and require that exactly the piece's listed tests fail, each
   * with the piece's TODO line. Then stub every piece at once and require that each failure names one of the pieces
   * that lists the test. The sources are restored on every path.
   */
  boolean verify(Step step) {
    List<String> problems = new ArrayList<>(consistencyProblems(step));
    if (!problems.isEmpty()) {
      problems.forEach(p -> System.out.println("  ✗ " + p));
      return false;
    }
    Map<String, Region> regions = regions(step);
    for (Piece piece : step.pieces()) {
      if (state(piece, regions.get(piece.id())) != State.REFERENCE) {
        throw new WorkbookException(piece.qualifiedId() + " does not hold the reference code; run ./workbook reset "
            + step.id() + " before verify");
      }
    }
    System.out.println("verify " + step.dir().getFileName() + ": " + step.pieces().size() + " pieces");
    List<String[]> rows = new ArrayList<>();
    for (Piece piece : step.pieces()) {
      long started = System.nanoTime();
      Map<String, String> failures = withStubs(step, List.of(piece));
      Set<String> expected = expand(piece.tests(), failures.keySet(), Reports.read(step.dir()).all());
      List<String> wrong = new ArrayList<>();
      unknownEntries(piece, Reports.read(step.dir()).all()).forEach(e -> wrong.add("no such test: " + e));
      for (String test : new TreeSet<>(failures.keySet())) {
        if (test.equals(BUILD_FAILED)) {
          wrong.add(failures.get(test));
        } else if (!expected.contains(test)) {
          wrong.add("also failed: " + test);
        } else if (!failures.get(test).contains(piece.todoLine())) {
          wrong.add(test + " failed without the piece's message: " + firstLine(failures.get(test)));
        }
      }
      expected.stream().filter(t -> !failures.containsKey(t)).sorted().forEach(t -> wrong.add("did not fail: " + t));
      rows.add(new String[] {piece.id(), String.valueOf(failures.size()), wrong.isEmpty() ? "ok" : "MISMATCH",
          (System.nanoTime() - started) / 1_000_000_000 + " s"});
      wrong.forEach(w -> problems.add(piece.qualifiedId() + ": " + w));
      if (!wrong.isEmpty()) {
        problems.add(piece.qualifiedId() + ": the tests that did fail, as a manifest line: tests = "
            + compress(failures.keySet(), Reports.read(step.dir()).all()));
      }
    }

    Map<String, String> all = withStubs(step, step.pieces());
    Map<String, List<Piece>> listedBy = new LinkedHashMap<>();
    Set<String> allTests = Reports.read(step.dir()).all();
    for (Piece piece : step.pieces()) {
      for (String test : expand(piece.tests(), Set.of(), allTests)) {
        listedBy.computeIfAbsent(test, t -> new ArrayList<>()).add(piece);
      }
    }
    if (all.containsKey(BUILD_FAILED)) {
      problems.add("all pieces stubbed: " + all.get(BUILD_FAILED));
    }
    for (String test : new TreeSet<>(all.keySet())) {
      if (test.equals(BUILD_FAILED)) {
        continue;
      }
      List<Piece> owners = listedBy.getOrDefault(test, List.of());
      if (owners.stream().noneMatch(p -> all.get(test).contains(p.todoLine()))) {
        problems.add("all pieces stubbed: " + test + " failed without the message of a piece that lists it: "
            + firstLine(all.get(test)));
      }
    }
    listedBy.keySet().stream().filter(t -> !all.containsKey(t)).sorted()
        .forEach(t -> problems.add("all pieces stubbed: " + t + " did not fail"));
    rows.add(new String[] {"(all at once)", String.valueOf(all.size()), problems.isEmpty() ? "ok" : "see below", ""});

    System.out.print(table(List.of("piece stubbed", "tests failed", "as listed", "time"), rows));
    problems.forEach(p -> System.out.println("  ✗ " + p));
    System.out.println(problems.isEmpty()
        ? "verify " + step.id() + ": every piece's TODO fails exactly its tests, with its message"
        : "verify " + step.id() + ": " + problems.size() + " problem(s)");
    return problems.isEmpty();
  }

  /** Stands for the whole build in a result of {@link #withStubs}: a stub that does not compile is a defect. */
  private static final String BUILD_FAILED = "(the build)";

  /** Runs the step's tests with {@code pieces} stubbed; returns the failed tests and their messages. */
  private Map<String, String> withStubs(Step step, List<Piece> pieces) {
    Map<Path, List<String>> originals = new LinkedHashMap<>();
    Map<String, Region> regions = regions(step);
    Thread restoreOnExit = new Thread(() -> originals.forEach(Workbook::writeLines));
    Runtime.getRuntime().addShutdownHook(restoreOnExit);
    try {
      // Stub from the bottom of each file up, so that line numbers of the regions still to do stay right.
      List<Region> ordered = pieces.stream().map(p -> regions.get(p.id()))
          .sorted((a, b) -> a.file().equals(b.file()) ? Integer.compare(b.begin(), a.begin()) : a.file().compareTo(b.file()))
          .toList();
      for (Region region : ordered) {
        originals.putIfAbsent(region.file(), readLines(region.file()));
        Piece piece = pieces.stream().filter(p -> p.id().equals(region.pieceId())).findFirst().orElseThrow();
        replace(region, List.of(stubLine(piece, region)));
      }
      if (runTests(step, List.of(), true) != 0) {
        String error = readLines(stateDir().resolve("last-run.log")).stream().filter(l -> l.contains("[ERROR]"))
            .findFirst().orElse("(no [ERROR] line)");
        return Map.of(BUILD_FAILED, "the build failed with " + pieces.stream().map(Piece::id).toList()
            + " stubbed, see .workbook/last-run.log: " + error.replaceAll("\\e\\[[0-9;]*m", ""));
      }
      return Reports.read(step.dir()).failures();
    } finally {
      originals.forEach(Workbook::writeLines);
      Runtime.getRuntime().removeShutdownHook(restoreOnExit);
    }
  }

  private static Set<String> expand(List<String> entries, Set<String> failed, Set<String> allTests) {
    Set<String> expanded = new TreeSet<>();
    for (String entry : entries) {
      for (String test : allTests) {
        if (test.equals(entry) || test.startsWith(entry + "#")) {
          expanded.add(test);
        }
      }
    }
    return expanded;
  }

  /** Tests as manifest entries: a class name where every test of the class is in {@code tests}. */
  static String compress(Set<String> tests, Set<String> allTests) {
    List<String> entries = new ArrayList<>();
    Map<String, List<String>> byClass = new java.util.TreeMap<>();
    tests.forEach(t -> byClass.computeIfAbsent(t.split("#")[0], c -> new ArrayList<>()).add(t));
    byClass.forEach((cls, failed) -> {
      long total = allTests.stream().filter(t -> t.startsWith(cls + "#")).count();
      if (failed.size() == total) {
        entries.add(cls);
      } else {
        failed.stream().sorted().forEach(entries::add);
      }
    });
    return entries.stream().map(e -> "\"" + e + "\"").collect(Collectors.joining(", ", "[", "]"));
  }

  private static List<String> unknownEntries(Piece piece, Set<String> allTests) {
    return piece.tests().stream()
        .filter(entry -> allTests.stream().noneMatch(t -> t.equals(entry) || t.startsWith(entry + "#")))
        .toList();
  }

  /**
   * {@code mvn test} on one step, going on past red tests so that every report is written; returns mvn's exit status,
   * which is not 0 only when the build itself failed (a stub that does not compile, say).
   */
  /**
   * Tests tagged so (step04's reliability drills) take minutes and run no piece's code: {@code mvn test} runs them,
   * the workbook's own runs leave them out.
   */
  static final String NOT_REVERIFIED_TAG = "drill";

  private int runTests(Step step, List<String> tests, boolean quiet) {
    List<String> command = new ArrayList<>(List.of("mvn", "-B", "-q", "test", "-pl", step.dir().getFileName().toString(),
        "-Dmaven.test.failure.ignore=true", "-Dsurefire.failIfNoSpecifiedTests=false",
        "-DexcludedGroups=" + NOT_REVERIFIED_TAG));
    // Only this step's tests: .mvn/maven.config adds -am, which would run the tests of the steps it builds on too.
    List<String> classes = tests.isEmpty() ? testClasses(step)
        : tests.stream().map(t -> t.split("#")[0]).distinct().toList();
    command.add("-Dtest=" + String.join(",", classes));
    try {
      deleteTree(step.dir().resolve("target/surefire-reports"));
      ProcessBuilder builder = new ProcessBuilder(command).directory(root.toFile());
      if (quiet) {
        Path log = stateDir().resolve("last-run.log");
        Files.createDirectories(log.getParent());
        builder.redirectErrorStream(true).redirectOutput(log.toFile());
      } else {
        builder.inheritIO();
      }
      Process mvn = builder.start();
      if (!mvn.waitFor(30, TimeUnit.MINUTES)) {
        mvn.destroyForcibly();
        throw new WorkbookException("mvn test on " + step.id() + " took more than 30 minutes");
      }
      return mvn.exitValue();
    } catch (IOException e) {
      throw new WorkbookException("could not run mvn: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new WorkbookException("interrupted");
    }
  }

  /** The test classes of a step: every {@code *Test.java} under its {@code src/test/java}. */
  private static List<String> testClasses(Step step) {
    Path tests = step.dir().resolve("src/test/java");
    return sourceFiles(tests).stream()
        .filter(f -> f.getFileName().toString().endsWith("Test.java"))
        .map(f -> tests.relativize(f).toString().replace(java.io.File.separatorChar, '.').replaceAll("\\.java$", ""))
        .toList();
  }

  // ---------------------------------------------------------------- TUTORIAL.md excerpts

  /** Checks every excerpt block in TUTORIAL.md against its tagged source region; with {@code write}, fixes them. */
  int excerpts(boolean write) {
    List<String> problems = excerptProblems(write);
    problems.forEach(p -> System.out.println("  ✗ " + p));
    System.out.println(problems.isEmpty() ? "TUTORIAL.md: every excerpt matches its source"
        : "TUTORIAL.md: " + problems.size() + " excerpt(s) out of date; run ./workbook excerpts --write");
    return problems.isEmpty() ? 0 : 1;
  }

  /** What is wrong with TUTORIAL.md's excerpts (nothing, when empty). With {@code write} they are fixed instead. */
  public List<String> excerptProblems(boolean write) {
    Path tutorial = root.resolve("TUTORIAL.md");
    String text = read(tutorial);
    List<String> problems = new ArrayList<>();
    StringBuilder fixed = new StringBuilder();
    Matcher m = EXCERPT.matcher(text);
    int last = 0;
    int count = 0;
    while (m.find()) {
      count++;
      String file = m.group(1);
      String tag = m.group(2);
      String body;
      try {
        body = tagged(root.resolve(file), tag);
      } catch (WorkbookException e) {
        problems.add(e.getMessage());
        continue;
      }
      String block = "<!-- excerpt: " + file + "#" + tag + " -->\n```" + language(file) + "\n" + body + "```\n<!-- /excerpt -->";
      if (!block.equals(m.group())) {
        if (!write) {
          problems.add(file + "#" + tag + " differs from TUTORIAL.md");
        }
      }
      fixed.append(text, last, m.start()).append(block);
      last = m.end();
    }
    fixed.append(text.substring(last));
    if (count == 0) {
      problems.add("TUTORIAL.md has no excerpt blocks");
    }
    int markers = text.split("<!-- excerpt:", -1).length - 1;
    if (markers != count) {
      problems.add("TUTORIAL.md has " + markers + " excerpt markers but " + count + " well-formed blocks: each is"
          + " <!-- excerpt: path#tag -->, a fenced block (or nothing, for --write to fill), <!-- /excerpt -->");
    }
    if (write && !fixed.toString().equals(text)) {
      writeString(tutorial, fixed.toString());
    }
    return problems;
  }

  /** The lines between {@code tag::name[]} and {@code end::name[]}, without their common indentation. */
  static String tagged(Path file, String tag) {
    if (!Files.exists(file)) {
      throw new WorkbookException("excerpt source " + file + " does not exist");
    }
    List<String> lines = readLines(file);
    Markers markers = Markers.of(file);
    int begin = -1;
    for (int i = 0; i < lines.size(); i++) {
      Matcher m = markers.tag().matcher(lines.get(i));
      if (m.find() && m.group(1).equals(tag)) {
        begin = i;
        break;
      }
    }
    if (begin < 0) {
      throw new WorkbookException(file.getFileName() + " has no tag::" + tag + "[]");
    }
    List<String> body = new ArrayList<>();
    for (int i = begin + 1; i < lines.size(); i++) {
      String line = lines.get(i);
      if (line.contains("end::" + tag + "[]")) {
        while (!body.isEmpty() && body.get(body.size() - 1).isBlank()) {
          body.remove(body.size() - 1); // e.g. the blank line gofmt wants before a Go end tag
        }
        int indent = body.stream().filter(l -> !l.isBlank()).mapToInt(l -> l.length() - l.stripLeading().length())
            .min().orElse(0);
        return body.stream().map(l -> l.isBlank() ? "" : l.substring(indent)).map(l -> l + "\n")
            .collect(Collectors.joining());
      }
      if (markers.begin().matcher(line).matches()) {
        throw new WorkbookException(file.getFileName() + "#" + tag + " would show workbook piece "
            + markers.begin().matcher(line).replaceFirst("$2") + ": TUTORIAL.md must not give away a piece's code");
      }
      if (!markers.tag().matcher(line).find() && !line.contains("end::")) {
        body.add(line);
      }
    }
    throw new WorkbookException(file.getFileName() + " has tag::" + tag + "[] without end::" + tag + "[]");
  }

  /** The language of an excerpt's fence: a {@link Language}'s, else the extension (bash for .sh). */
  private static String language(String file) {
    String ext = file.substring(file.lastIndexOf('.') + 1);
    return Language.of(Path.of(file)).map(l -> l.fence).orElse(ext.equals("sh") ? "bash" : ext);
  }

  /** GitHub's heading anchors in TUTORIAL.md. */
  Set<String> tutorialAnchors() {
    Set<String> anchors = new LinkedHashSet<>();
    Path tutorial = root.resolve("TUTORIAL.md");
    if (!Files.exists(tutorial)) {
      return anchors;
    }
    boolean inFence = false;
    for (String line : readLines(tutorial)) {
      if (line.startsWith("```")) {
        inFence = !inFence;
      }
      if (!inFence && line.matches("#{1,6} .*")) {
        anchors.add(slug(line.replaceFirst("^#+ ", "")));
      }
    }
    return anchors;
  }

  /** GitHub's slug of a heading: lower case, punctuation dropped, spaces to hyphens. */
  static String slug(String heading) {
    return heading.strip().toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-');
  }

  // ---------------------------------------------------------------- surefire reports

  /** The outcome of the last test run of a step, from {@code target/surefire-reports}. Tests are {@code Class#method}. */
  record Reports(Map<String, String> outcomes) {
    static Reports read(Path stepDir) {
      Map<String, String> outcomes = new LinkedHashMap<>();
      Path dir = stepDir.resolve("target/surefire-reports");
      if (!Files.isDirectory(dir)) {
        return new Reports(outcomes);
      }
      try (Stream<Path> files = Files.list(dir)) {
        for (Path xml : files.filter(f -> f.getFileName().toString().matches("TEST-.*\\.xml")).sorted().toList()) {
          String fqcn = xml.getFileName().toString().replaceAll("^TEST-|\\.xml$", "");
          String simple = fqcn.substring(fqcn.lastIndexOf('.') + 1);
          var factory = DocumentBuilderFactory.newInstance();
          NodeList cases = factory.newDocumentBuilder().parse(xml.toFile()).getElementsByTagName("testcase");
          for (int i = 0; i < cases.getLength(); i++) {
            Element testcase = (Element) cases.item(i);
            String method = testcase.getAttribute("name").replaceAll("[(\\[].*$", "");
            String id = simple + "#" + method;
            String failure = failure(testcase);
            if (failure != null) {
              outcomes.put(id, failure);
            } else {
              outcomes.putIfAbsent(id, "");
            }
          }
        }
      } catch (Exception e) {
        throw new WorkbookException("could not read " + dir + ": " + e.getMessage());
      }
      return new Reports(outcomes);
    }

    private static String failure(Element testcase) {
      for (String kind : List.of("failure", "error")) {
        NodeList nodes = testcase.getElementsByTagName(kind);
        if (nodes.getLength() > 0) {
          Element node = (Element) nodes.item(0);
          return node.getAttribute("message") + "\n" + node.getTextContent();
        }
      }
      return null;
    }

    Set<String> all() {
      return new TreeSet<>(outcomes.keySet());
    }

    Map<String, String> failures() {
      Map<String, String> failed = new LinkedHashMap<>();
      outcomes.forEach((test, failure) -> {
        if (!failure.isEmpty()) {
          failed.put(test, failure);
        }
      });
      return failed;
    }

    String summary(List<String> entries) {
      Set<String> tests = expand(entries, Set.of(), all());
      if (tests.isEmpty()) {
        return "not run";
      }
      long failing = tests.stream().filter(t -> !outcomes.get(t).isEmpty()).count();
      return failing == 0 ? "passing (" + tests.size() + ")" : failing + " of " + tests.size() + " failing";
    }
  }

  // ---------------------------------------------------------------- the manifest: a small subset of TOML

  /** Reads {@code workbook.toml}: {@code [[piece]]} tables of {@code key = "string"} and {@code key = ["a", "b"]}. */
  static final class Manifest {
    private static final Pattern STRING = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"");

    static List<Piece> read(Path file, String step) {
      List<Piece> pieces = new ArrayList<>();
      Map<String, Object> current = null;
      List<String> lines = readLines(file);
      for (int i = 0; i < lines.size(); i++) {
        String line = lines.get(i).strip();
        if (line.isEmpty() || line.startsWith("#")) {
          continue;
        }
        if (line.equals("[[piece]]")) {
          if (current != null) {
            pieces.add(piece(current, step, file));
          }
          current = new LinkedHashMap<>();
          continue;
        }
        int eq = line.indexOf('=');
        if (current == null || eq < 0) {
          throw new WorkbookException(file + ":" + (i + 1) + ": expected [[piece]] or key = value, got: " + line);
        }
        String key = line.substring(0, eq).strip();
        String value = line.substring(eq + 1).strip();
        if (value.startsWith("[")) {
          StringBuilder array = new StringBuilder(value);
          while (!array.toString().strip().endsWith("]") && i + 1 < lines.size()) {
            array.append(' ').append(lines.get(++i).strip());
          }
          List<String> items = new ArrayList<>();
          Matcher m = STRING.matcher(array);
          while (m.find()) {
            items.add(unescape(m.group(1)));
          }
          current.put(key, items);
        } else {
          Matcher m = STRING.matcher(value);
          if (!m.matches()) {
            throw new WorkbookException(file + ":" + (i + 1) + ": " + key + " must be a \"quoted string\"");
          }
          current.put(key, unescape(m.group(1)));
        }
      }
      if (current != null) {
        pieces.add(piece(current, step, file));
      }
      return pieces;
    }

    @SuppressWarnings("unchecked")
    private static Piece piece(Map<String, Object> table, String step, Path file) {
      for (String key : List.of("id", "title", "anchor", "hint", "tests")) {
        if (!table.containsKey(key)) {
          throw new WorkbookException(file + ": a [[piece]] lacks \"" + key + "\" (it has " + table.keySet() + ")");
        }
      }
      return new Piece(step, (String) table.get("id"), (String) table.get("title"), (String) table.get("anchor"),
          (String) table.get("hint"), List.copyOf((List<String>) table.get("tests")));
    }

    private static String unescape(String s) {
      return s.replace("\\\"", "\"").replace("\\\\", "\\");
    }
  }

  // ---------------------------------------------------------------- small helpers

  /** A problem with the workbook itself, reported without a stack trace. */
  static final class WorkbookException extends RuntimeException {
    WorkbookException(String message) {
      super(message);
    }
  }

  private static void replace(Region region, List<String> body) {
    List<String> lines = new ArrayList<>(readLines(region.file()));
    List<String> before = lines.subList(0, region.begin() + 1);
    List<String> after = lines.subList(region.end(), lines.size());
    List<String> result = new ArrayList<>(before);
    result.addAll(body);
    result.addAll(after);
    writeLines(region.file(), result);
  }

  /** The Java, Python and Go files under {@code dir}, outside {@linkplain #generated generated directories}. */
  private static List<Path> sourceFiles(Path dir) {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(Files::isRegularFile)
          .filter(f -> Language.of(f).isPresent() && !generated(dir, f))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Whether a file under {@code dir} lies in a directory that tools write, not people: Python's {@code __pycache__}, a
   * virtualenv ({@code venv}, {@code .venv}) or any other hidden directory. Neither pieces nor saves to watch are there.
   */
  private static boolean generated(Path dir, Path file) {
    Path folders = dir.relativize(file).getParent();
    return folders != null && Stream.iterate(folders, Objects::nonNull, Path::getParent)
        .map(p -> p.getFileName().toString())
        .anyMatch(name -> name.startsWith(".") || name.equals("__pycache__") || name.equals("venv"));
  }

  private static String fingerprint(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(Files::isRegularFile).filter(f -> !generated(dir, f)).sorted().map(f -> {
        try {
          return f + "@" + Files.getLastModifiedTime(f).toMillis();
        } catch (IOException e) {
          return f + "@gone";
        }
      }).collect(Collectors.joining("\n"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String table(List<String> header, List<String[]> rows) {
    int[] widths = new int[header.size()];
    for (int c = 0; c < widths.length; c++) {
      widths[c] = header.get(c).length();
      for (String[] row : rows) {
        widths[c] = Math.max(widths[c], row[c].length());
      }
    }
    StringBuilder out = new StringBuilder();
    out.append(row(header.toArray(String[]::new), widths));
    out.append(row(java.util.Arrays.stream(widths).mapToObj("-"::repeat).toArray(String[]::new), widths));
    rows.forEach(r -> out.append(row(r, widths)));
    return out.toString();
  }

  private static String row(String[] cells, int[] widths) {
    StringBuilder line = new StringBuilder("|");
    for (int c = 0; c < cells.length; c++) {
      line.append(' ').append(cells[c]).append(" ".repeat(widths[c] - cells[c].length())).append(" |");
    }
    return line.append('\n').toString();
  }

  private static String firstLine(String text) {
    return text.lines().findFirst().orElse("");
  }

  private String where(Path file, int lineIndex) {
    return (file.startsWith(root) ? root.relativize(file) : file) + ":" + (lineIndex + 1);
  }

  private static String timestamp() {
    return LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new WorkbookException("could not read " + file + ": " + e.getMessage());
    }
  }

  private static List<String> readLines(Path file) {
    return read(file).lines().toList();
  }

  private static void writeLines(Path file, List<String> lines) {
    writeString(file, String.join("\n", lines) + "\n");
  }

  private static void writeString(Path file, String text) {
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, text);
    } catch (IOException e) {
      throw new WorkbookException("could not write " + file + ": " + e.getMessage());
    }
  }

  private static void save(Path file, List<String> lines) {
    writeLines(file, lines);
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
