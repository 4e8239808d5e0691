package io.gopluginjava.workbook;

import java.util.List;

/**
 * One {@code [[piece]]} of a step's manifest.
 *
 * @param tests the piece's own tests: red while it is a TODO, green once it is written, even when every later piece
 *     is still a TODO. They may build on earlier pieces, never on later ones.
 */
public record Piece(String step, String id, String title, String anchor, String hint, List<String> tests) {

  public String qualifiedId() {
    return step + "/" + id;
  }

  /** The message of the piece's TODO, as the Java, Python and Go stubs say it. */
  public String todoLine() {
    return todoLine(qualifiedId(), title, "TUTORIAL.md#" + anchor);
  }

  /** {@code TODO step01/cookie-check: refuse to run without the magic cookie — read TUTORIAL.md#the-magic-cookie}. */
  public static String todoLine(String qualifiedId, String title, String tutorialAnchor) {
    return "TODO " + qualifiedId + ": " + title + " — read " + tutorialAnchor;
  }
}
