package io.gopluginjava.workbook;

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
