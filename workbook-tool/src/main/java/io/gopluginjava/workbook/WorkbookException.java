package io.gopluginjava.workbook;

/** A problem with the workbook itself, or with how a command was called: reported without a stack trace. */
public final class WorkbookException extends RuntimeException {

  public WorkbookException(String message) {
    super(message);
  }
}
