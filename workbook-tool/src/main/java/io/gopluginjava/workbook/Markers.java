package io.gopluginjava.workbook;

import java.nio.file.Path;
import java.util.regex.Pattern;

/** The piece-marker and excerpt-tag patterns for one line-comment syntax, given as a regular expression. */
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
