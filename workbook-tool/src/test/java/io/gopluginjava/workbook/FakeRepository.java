package io.gopluginjava.workbook;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A repository of one step, {@code step01-fake}, in a temp dir: two Java pieces in one file ({@code cookie}, then
 * {@code parse}), each with its own test, an end-to-end test, and a TUTORIAL.md with their sections in Step 01.
 */
final class FakeRepository {

  static final String COOKIE_BODY = "    return \"hello\".equals(value);\n";
  static final String PARSE_BODY = "    return Integer.parseInt(line.strip());\n";

  static final String SOURCE = """
      package demo;

      final class Plugin {
        static boolean cookie(String value) {
          // workbook:begin cookie
      """ + COOKIE_BODY + """
          // workbook:end
        }

        static int parse(String line) {
          // workbook:begin parse
      """ + PARSE_BODY + """
          // workbook:end
        }
      }
      """;

  static final String MANIFEST = """
      [[piece]]
      id = "cookie"
      title = "check the cookie"
      anchor = "the-cookie"
      hint = "Compare."
      tests = ["CookieTest"]

      [[piece]]
      id = "parse"
      title = "parse the line"
      anchor = "the-line"
      hint = "Integer.parseInt."
      tests = ["ParseTest#readsANumber"]

      [end-to-end]
      title = "both, in a process"
      tests = ["ProcessTest"]
      """;

  static final String TUTORIAL = """
      # Step 01: a fake step

      ## The cookie

      ## The line

      # When things go wrong
      """;

  final Path root;
  final Path source;
  final Workbook workbook;
  final ReaderCommands reader;

  FakeRepository(Path root) {
    this.root = root;
    this.source = write(root.resolve("step01-fake/src/main/java/demo/Plugin.java"), SOURCE);
    write(root.resolve("step01-fake/workbook.toml"), MANIFEST);
    write(root.resolve("TUTORIAL.md"), TUTORIAL);
    this.workbook = new Workbook(root);
    this.reader = new ReaderCommands(workbook);
  }

  /** Makes the repository a git repository with everything committed: the reference is then known from git. */
  FakeRepository committed() {
    run("git", "init", "-q");
    run("git", "add", "-A");
    run("git", "-c", "user.name=test", "-c", "user.email=test@localhost", "commit", "-q", "-m", "reference");
    return this;
  }

  private void run(String... command) {
    try {
      Process git = new ProcessBuilder(command).directory(root.toFile()).inheritIO().start();
      if (git.waitFor() != 0) {
        throw new IllegalStateException(String.join(" ", command) + " failed with status " + git.exitValue());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  Step step() {
    return workbook.step("step01");
  }

  Region region(String piece) {
    return workbook.regions(step()).get(piece);
  }

  Ledger.State state(String piece) {
    return workbook.state(step().piece(piece), region(piece));
  }

  /** Writes a piece's body as the reader would: in place of what it holds. */
  void writePiece(String piece, String body) {
    Sources.replace(region(piece), body.lines().toList());
  }

  String source() {
    return read(source);
  }

  static Path write(Path file, String text) {
    try {
      Files.createDirectories(file.getParent());
      return Files.writeString(file, text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** What {@code action} printed on System.out. */
  static String printed(Runnable action) {
    PrintStream original = System.out;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    try {
      action.run();
    } finally {
      System.setOut(original);
    }
    return out.toString(StandardCharsets.UTF_8);
  }
}
