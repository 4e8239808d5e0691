package io.gopluginjava.workbook;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * One row per language that pieces may be written in, with all that the workbook needs to know about it: the
 * source file's extension, the fence of its TUTORIAL.md excerpts, the line comment that starts markers and tags,
 * the stub that stands for a piece ({@code {id}}, {@code {title}}, {@code {anchor}} and {@code {message}} become
 * string literals), how a string literal is written, and how a piece shows that it ends its function.
 */
enum Language {
  // A JDK exception: the code a reader writes in needs no class of the workbook's.
  JAVA("java", "java", "//", "throw new UnsupportedOperationException({message});", Language::doubleQuoted,
      EndRule.CLOSING_BRACE),
  PYTHON("py", "python", "#", "raise NotImplementedError({message})", Language::doubleQuoted, EndRule.DEDENT),
  GO("go", "go", "//", "panic({message})", Language::doubleQuoted, EndRule.CLOSING_BRACE);

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
    this.stub = Pattern.compile(Stream.of(Placeholders.PATTERN.split(stubTemplate, -1)).map(Pattern::quote)
        .collect(Collectors.joining(Placeholders.ANY_LITERAL)));
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
    return indent + Placeholders.PATTERN.matcher(stubTemplate)
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

  /** Where a string literal goes in a stub template (out of the enum: its constants are initialised first). */
  private static final class Placeholders {
    static final Pattern PATTERN = Pattern.compile("\\{(id|title|anchor|message)\\}");
    static final String ANY_LITERAL = "\"(?:[^\"\\\\]|\\\\.)*\"";
  }
}
