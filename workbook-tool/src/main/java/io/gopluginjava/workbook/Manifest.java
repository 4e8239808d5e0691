package io.gopluginjava.workbook;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A step's {@code workbook.toml}, in the small subset of TOML it needs: {@code [[piece]]} tables and one optional
 * {@code [end-to-end]} table, each of {@code key = "string"} and {@code key = ["a", "b"]} lines.
 */
record Manifest(List<Piece> pieces, EndToEnd endToEnd) {

  private static final Pattern STRING = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"");
  private static final String PIECE = "[[piece]]";
  private static final String END_TO_END = "[end-to-end]";

  static Manifest read(Path file, String step) {
    List<Map<String, Object>> pieceTables = new ArrayList<>();
    Map<String, Object> endToEndTable = null;
    Map<String, Object> current = null;
    List<String> lines = FileText.readLines(file);
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      if (line.equals(PIECE)) {
        current = new LinkedHashMap<>();
        pieceTables.add(current);
        continue;
      }
      if (line.equals(END_TO_END)) {
        if (endToEndTable != null) {
          throw new WorkbookException(file + ":" + (i + 1) + ": a second " + END_TO_END + " table; a step has one");
        }
        current = endToEndTable = new LinkedHashMap<>();
        continue;
      }
      int eq = line.indexOf('=');
      if (current == null || eq < 0) {
        throw new WorkbookException(file + ":" + (i + 1) + ": expected " + PIECE + ", " + END_TO_END
            + " or key = value, got: " + line);
      }
      String key = line.substring(0, eq).strip();
      String value = line.substring(eq + 1).strip();
      if (value.startsWith("[")) {
        StringBuilder array = new StringBuilder(value);
        while (!array.toString().strip().endsWith("]") && i + 1 < lines.size()) {
          array.append(' ').append(lines.get(++i).strip());
        }
        List<String> items = new ArrayList<>();
        Matcher m = STRING.matcher(array);
        while (m.find()) {
          items.add(unescape(m.group(1)));
        }
        current.put(key, items);
      } else {
        Matcher m = STRING.matcher(value);
        if (!m.matches()) {
          throw new WorkbookException(file + ":" + (i + 1) + ": " + key + " must be a \"quoted string\"");
        }
        current.put(key, unescape(m.group(1)));
      }
    }
    List<Piece> pieces = pieceTables.stream().map(table -> piece(table, step, file)).toList();
    return new Manifest(pieces, endToEndTable == null ? EndToEnd.NONE : endToEnd(endToEndTable, file));
  }

  @SuppressWarnings("unchecked")
  private static Piece piece(Map<String, Object> table, String step, Path file) {
    require(table, PIECE, file, "id", "title", "anchor", "hint", "tests");
    return new Piece(step, (String) table.get("id"), (String) table.get("title"), (String) table.get("anchor"),
        (String) table.get("hint"), List.copyOf((List<String>) table.get("tests")));
  }

  @SuppressWarnings("unchecked")
  private static EndToEnd endToEnd(Map<String, Object> table, Path file) {
    require(table, END_TO_END, file, "tests");
    return new EndToEnd((String) table.getOrDefault("title", ""), List.copyOf((List<String>) table.get("tests")));
  }

  private static void require(Map<String, Object> table, String name, Path file, String... keys) {
    for (String key : keys) {
      if (!table.containsKey(key)) {
        throw new WorkbookException(file + ": a " + name + " table lacks \"" + key + "\" (it has " + table.keySet()
            + ")");
      }
    }
  }

  private static String unescape(String s) {
    return s.replace("\\\"", "\"").replace("\\\\", "\\");
  }
}
