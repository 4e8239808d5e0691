package io.gopluginjava.core;

import java.io.IOException;
import java.io.Reader;

/**
 * Reads a plugin's output line by line, like {@code BufferedReader.readLine}, but hands on a line longer than
 * {@link #MAX_CHARS} in pieces of that size, as go-plugin's host does with its 64 KiB buffer: a plugin that never
 * prints a newline cannot fill the host's memory.
 */
public final class BoundedLines {

  static final int MAX_CHARS = 64 * 1024;

  private final Reader in;
  private final StringBuilder line = new StringBuilder();
  private boolean afterCarriageReturn;
  private boolean afterFullPiece; // a terminator right after a full piece ends that piece's line, not a new one

  /** {@code in} should be buffered: it is read one character at a time. */
  public BoundedLines(Reader in) {
    this.in = in;
  }

  /** The next line without its terminator ({@code \n}, {@code \r\n} or {@code \r}), or null at the end. */
  public String next() throws IOException {
    line.setLength(0);
    int c;
    while ((c = in.read()) != -1) {
      boolean skipped = (afterCarriageReturn && c == '\n') || (afterFullPiece && (c == '\n' || c == '\r'));
      afterCarriageReturn = c == '\r';
      afterFullPiece = false;
      if (skipped) {
        continue;
      }
      if (c == '\n' || c == '\r') {
        return line.toString();
      }
      line.append((char) c);
      if (line.length() == MAX_CHARS) {
        afterFullPiece = true;
        return line.toString();
      }
    }
    return line.length() > 0 ? line.toString() : null;
  }
}
