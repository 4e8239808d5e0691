package io.gopluginjava.workbook;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("a failure thrown inside a piece names the piece, even when the stack trace is trimmed")
class PieceLocatorTest {

  @TempDir
  Path root;

  private static RuntimeException thrownAt(RuntimeException e, int line) {
    e.setStackTrace(new StackTraceElement[] {
        new StackTraceElement("com.google.gson.Gson", "fromJson", "Gson.java", 1200),
        new StackTraceElement("demo.Plugin", "parse", "Plugin.java", line),
        new StackTraceElement("demo.PluginTest", "parses", "PluginTest.java", 20)});
    return e;
  }

  @Test
  @DisplayName("a library's exception that a written piece let through is traced to the piece and its section")
  void libraryExceptionInAPiece() {
    new FakeRepository(root);

    assertThat(new PieceLocator(root).explain(new RuntimeException("wrapped",
        thrownAt(new IllegalStateException("Failed making constructor\nmore"), 12))))
        .as("the line for a failure at Plugin.java:12, inside piece parse")
        .hasValue("in piece step01/parse (Plugin.java:12): java.lang.IllegalStateException: Failed making constructor"
            + " — read TUTORIAL.md#the-line");
  }

  @Test
  @DisplayName("failures outside pieces, failed assertions and the runtime's own typed errors are left alone")
  void leavesOtherFailuresAlone() {
    new FakeRepository(root);
    PieceLocator locator = new PieceLocator(root);

    assertThat(locator.explain(thrownAt(new IllegalStateException("boom"), 9))).as("thrown at a line outside pieces")
        .isEmpty();
    AssertionError failed = new AssertionError("expected 1");
    failed.setStackTrace(thrownAt(new RuntimeException(), 12).getStackTrace());
    assertThat(locator.explain(failed)).as("a failed assertion").isEmpty();
    assertThat(locator.explain(thrownAt(new WorkbookException("says it all"), 12))).as("a typed error").isEmpty();
  }
}
