package io.gopluginjava.workbook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The workbook on a small repository of its own (a temp dir): one step with a Python piece and a Go piece. */
@DisplayName("the workbook, with pieces in Python and Go")
class WorkbookLanguagesTest {

  private static final String MANIFEST = """
      [[piece]]
      id = "go-get"
      title = "find \\"key\\" in C:\\\\store"
      anchor = "go-plugins"
      hint = "Index the map."
      tests = ["KvGoTest"]

      [[piece]]
      id = "py-get"
      title = "return the value, or b\\"\\" when the key is missing"
      anchor = "python-plugins"
      hint = "dict.get with a default."
      tests = ["KvPythonTest"]
      """;

  private static final String PY_BODY = """
              value = self.store.get(key)
              return value if value is not None else b""
      """;

  private static final String PYTHON = """
      class KV:
          def get(self, key):
              # workbook:begin py-get
      """ + PY_BODY + """
              # workbook:end

          # tag::put[]
          def put(self, key, value):
              self.store[key] = value
          # end::put[]
      """;

  private static final String GO_BODY = "\treturn k.store[key], nil\n";

  private static final String GO = """
      package main

      type KV struct{ store map[string][]byte }

      // tag::put[]
      func (k *KV) Put(key string, value []byte) error {
      \tk.store[key] = value
      \treturn nil
      }
      // end::put[]

      func (k *KV) Get(key string) ([]byte, error) {
      \t// workbook:begin go-get
      """ + GO_BODY + """
      \t// workbook:end
      }
      """;

  private static final String TUTORIAL = """
      # Step 04: fixture

      ## Python plugins

      <!-- excerpt: step04-polyglot/src/main/python/kv/plugin.py#put -->
      ```text
      out of date
      ```
      <!-- /excerpt -->

      ## Go plugins

      <!-- excerpt: step04-polyglot/src/main/go/plugin/main.go#put -->
      <!-- /excerpt -->
      """;

  @TempDir
  Path root;

  private Path python;
  private Path go;
  private Workbook workbook;
  private ReaderCommands reader;

  @BeforeEach
  void repository() throws IOException {
    Path step = root.resolve("step04-polyglot");
    python = write(step.resolve("src/main/python/kv/plugin.py"), PYTHON);
    go = write(step.resolve("src/main/go/plugin/main.go"), GO);
    write(step.resolve("workbook.toml"), MANIFEST);
    write(root.resolve("TUTORIAL.md"), TUTORIAL);
    workbook = new Workbook(root);
    reader = new ReaderCommands(workbook);
  }

  @Test
  @DisplayName("start puts one line in place of each piece, at its indentation: raise in Python, panic in Go")
  void startStubsPythonAndGo() {
    FakeRepository.printed(() -> reader.start(workbook.step("step04")));

    assertThat(read(python)).as("plugin.py: the body is one raise line, with quotes escaped; nothing else changed")
        .isEqualTo(PYTHON.replace(PY_BODY, "        raise NotImplementedError(\"TODO step04/py-get: return the value, "
            + "or b\\\"\\\" when the key is missing — read TUTORIAL.md#python-plugins\")\n"));
    assertThat(read(go)).as("main.go: the body is one panic line, with quotes and the backslash escaped")
        .isEqualTo(GO.replace(GO_BODY,
            "\tpanic(\"TODO step04/go-get: find \\\"key\\\" in C:\\\\store — read TUTORIAL.md#go-plugins\")\n"));
  }

  @Test
  @DisplayName("a stub is known as a TODO, so a second start leaves it alone instead of taking it for the reader's code")
  void stubsAreTodos() {
    Step step = workbook.step("step04");
    FakeRepository.printed(() -> reader.start(step));
    String pythonStubbed = read(python);
    String goStubbed = read(go);

    Map<String, Region> regions = workbook.regions(step);
    for (Piece piece : step.pieces()) {
      assertThat(workbook.state(piece, regions.get(piece.id()))).as("state of %s", piece.id())
          .isEqualTo(Ledger.State.TODO);
    }
    FakeRepository.printed(() -> reader.start(step));
    assertThat(read(python)).as("plugin.py after a second start").isEqualTo(pythonStubbed);
    assertThat(read(go)).as("main.go after a second start").isEqualTo(goStubbed);
  }

  @Test
  @DisplayName("reveal and reset put back exactly the bytes of the reference, tabs and all")
  void revealAndResetRestoreTheBytes() throws IOException {
    byte[] pythonBefore = Files.readAllBytes(python);
    byte[] goBefore = Files.readAllBytes(go);
    Step step = workbook.step("step04");
    FakeRepository.printed(() -> reader.start(step));

    FakeRepository.printed(() -> reader.reveal(step, "py-get"));
    assertThat(Files.readAllBytes(python)).as("plugin.py after reveal py-get").isEqualTo(pythonBefore);
    assertThat(read(go)).as("main.go is still a TODO after reveal py-get").contains("panic(");

    FakeRepository.printed(() -> reader.reset(step, question -> true));
    assertThat(Files.readAllBytes(go)).as("main.go after reset").isEqualTo(goBefore);
    assertThat(Files.readAllBytes(python)).as("plugin.py after reset").isEqualTo(pythonBefore);
  }

  @Test
  @DisplayName("a Python piece must end its function: code after it at its own indentation is refused, naming the line")
  void pythonPieceFollowedByCode() throws IOException {
    write(python, """
        def get(store, key):
            # workbook:begin py-get
            value = store.get(key)
            # workbook:end
            # a comment does not count
            return value
        """);

    assertThatExceptionOfType(WorkbookException.class)
        .isThrownBy(() -> workbook.regions(workbook.step("step04")))
        .withMessageContaining("plugin.py:6: piece py-get must end its function")
        .withMessageContaining("\"return value\"");
  }

  @Test
  @DisplayName("a Go piece must end its function: a line other than the closing } after it is refused, naming the line")
  void goPieceNotFollowedByABrace() throws IOException {
    write(go, """
        package main

        func get(store map[string]int, key string) int {
        \t// workbook:begin go-get
        \tvalue := store[key]
        \t// workbook:end
        \treturn value
        }
        """);

    assertThatExceptionOfType(WorkbookException.class)
        .isThrownBy(() -> workbook.regions(workbook.step("step04")))
        .withMessageContaining("main.go:7: piece go-get must end its function")
        .withMessageContaining("the closing } of its function");
  }

  @Test
  @DisplayName("pieces are found in .py and .go sources only, not in __pycache__, virtualenvs or other files")
  void scansSourcesOnly() throws IOException {
    String stray = "# workbook:begin stray\n# workbook:end\n";
    write(python.resolveSibling("__pycache__/plugin.py"), stray);
    write(root.resolve("step04-polyglot/src/main/python/.venv/lib/site.py"), stray);
    write(root.resolve("step04-polyglot/src/main/python/venv/lib/site.py"), stray);
    write(python.resolveSibling("notes.txt"), stray);
    Step step = workbook.step("step04");

    assertThat(workbook.regions(step)).as("the pieces found").containsOnlyKeys("go-get", "py-get");
    assertThat(workbook.consistencyProblems(step)).as("manifest against markers").isEmpty();
  }

  @Test
  @DisplayName("excerpts from .py and .go sources are fenced as python and go, without their tag lines")
  void excerptsFromPythonAndGo() {
    assertThat(workbook.excerptProblems(false)).as("both fixture excerpts start out of date, one empty").hasSize(2);

    workbook.excerptProblems(true);

    assertThat(read(root.resolve("TUTORIAL.md"))).as("TUTORIAL.md after excerpts --write")
        .contains("""
            <!-- excerpt: step04-polyglot/src/main/python/kv/plugin.py#put -->
            ```python
            def put(self, key, value):
                self.store[key] = value
            ```
            <!-- /excerpt -->
            """)
        .contains("""
            <!-- excerpt: step04-polyglot/src/main/go/plugin/main.go#put -->
            ```go
            func (k *KV) Put(key string, value []byte) error {
            \tk.store[key] = value
            \treturn nil
            }
            ```
            <!-- /excerpt -->
            """);
    assertThat(workbook.excerptProblems(false)).as("excerpts after --write").isEmpty();
  }

  @Test
  @DisplayName("README.md's excerpts (the host code of a project outside the reactor, say) are checked and written too")
  void readmeExcerptsAreCheckedToo() throws IOException {
    workbook.excerptProblems(true);
    write(root.resolve("README.md"), """
        # Use it in your own project
        <!-- excerpt: step04-polyglot/src/main/go/plugin/main.go#put -->
        <!-- /excerpt -->
        """);

    assertThat(workbook.excerptProblems(false)).as("problems with TUTORIAL.md up to date and README.md's excerpt empty")
        .containsExactly("step04-polyglot/src/main/go/plugin/main.go#put differs from README.md");

    workbook.excerptProblems(true);

    assertThat(read(root.resolve("README.md"))).as("README.md after excerpts --write")
        .contains("<!-- excerpt: step04-polyglot/src/main/go/plugin/main.go#put -->\n```go\nfunc (k *KV) Put(");
    assertThat(workbook.excerptProblems(false)).as("excerpts after --write").isEmpty();
  }

  @Test
  @DisplayName("an excerpt marker that is not a well-formed block is a problem, never silently skipped")
  void malformedExcerptIsReported() throws IOException {
    write(root.resolve("TUTORIAL.md"), TUTORIAL + "\n<!-- excerpt: step04-polyglot/src/main/go/plugin/main.go#put -->\n");

    assertThat(workbook.excerptProblems(false)).as("problems of a TUTORIAL.md with an excerpt never closed")
        .anySatisfy(p -> assertThat(p).contains("3 excerpt markers but 2 well-formed blocks"));
  }

  @Test
  @DisplayName("a Python excerpt may not include a piece either: TUTORIAL.md must not give the answers away")
  void pythonExcerptRefusesAPiece() throws IOException {
    write(python, """
        # tag::all[]
        def get(store, key):
            # workbook:begin py-get
            return store[key]
            # workbook:end
        # end::all[]
        """);

    assertThatExceptionOfType(WorkbookException.class)
        .isThrownBy(() -> Tutorial.tagged(python, "all"))
        .withMessageContaining("would show workbook piece py-get");
  }

  @Test
  @DisplayName("a string literal for a stub reads the same in Java, Go and Python: escapes, octal controls, UTF-8 kept")
  void doubleQuoted() {
    assertThat(Language.doubleQuoted("a \"b\" c:\\d\te — f")).as("the literal")
        .isEqualTo("\"a \\\"b\\\" c:\\\\d\\011e — f\"");
  }

  private static Path write(Path file, String text) throws IOException {
    Files.createDirectories(file.getParent());
    return Files.writeString(file, text);
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new AssertionError("could not read " + file, e);
    }
  }
}
