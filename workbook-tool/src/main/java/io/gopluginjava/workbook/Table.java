package io.gopluginjava.workbook;

import java.util.Arrays;
import java.util.List;

/** A Markdown-style table with columns as wide as their widest cell, for the terminal. */
final class Table {

  private Table() {}

  static String of(List<String> header, List<String[]> rows) {
    int[] widths = new int[header.size()];
    for (int c = 0; c < widths.length; c++) {
      widths[c] = header.get(c).length();
      for (String[] row : rows) {
        widths[c] = Math.max(widths[c], row[c].length());
      }
    }
    StringBuilder out = new StringBuilder();
    out.append(row(header.toArray(String[]::new), widths));
    out.append(row(Arrays.stream(widths).mapToObj("-"::repeat).toArray(String[]::new), widths));
    rows.forEach(r -> out.append(row(r, widths)));
    return out.toString();
  }

  private static String row(String[] cells, int[] widths) {
    StringBuilder line = new StringBuilder("|");
    for (int c = 0; c < cells.length; c++) {
      line.append(' ').append(cells[c]).append(" ".repeat(widths[c] - cells[c].length())).append(" |");
    }
    return line.append('\n').toString();
  }
}
