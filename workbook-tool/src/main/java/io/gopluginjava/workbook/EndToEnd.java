package io.gopluginjava.workbook;

import java.util.List;

/**
 * A step's {@code [end-to-end]} table: the tests that need the whole step (real processes, Go and Python peers) and
 * so pass only once every piece is written. The reader meets them as a milestone after the last piece.
 */
public record EndToEnd(String title, List<String> tests) {

  static final EndToEnd NONE = new EndToEnd("", List.of());
}
