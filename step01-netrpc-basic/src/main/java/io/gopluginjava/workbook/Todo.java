package io.gopluginjava.workbook;

/**
 * Thrown by a workbook piece that the reader has not written yet. The workbook puts
 * {@code throw new Todo(...)} where the piece's code was; the message names the piece and the section to read.
 */
public final class Todo extends RuntimeException {

  public Todo(String piece, String title, String tutorialAnchor) {
    super(message(piece, title, tutorialAnchor));
  }

  /** {@code TODO step01/cookie-check: refuse to run without the magic cookie — read TUTORIAL.md#the-magic-cookie}. */
  public static String message(String piece, String title, String tutorialAnchor) {
    return "TODO " + piece + ": " + title + " — read " + tutorialAnchor;
  }
}
