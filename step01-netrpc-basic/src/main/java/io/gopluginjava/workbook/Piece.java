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

  /** The message of the piece's TODO, as {@link Todo} and the Python and Go stubs say it. */
  public String todoLine() {
    return Todo.message(qualifiedId(), title, "TUTORIAL.md#" + anchor);
  }
}
