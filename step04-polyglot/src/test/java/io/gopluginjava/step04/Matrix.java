package io.gopluginjava.step04;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;

/**
 * Every host × plugin pair step04 proves, one place for the tests that run them and for the table in TUTORIAL.md
 * ({@link MatrixTableTest} keeps that table equal to {@link #markdownTable()}).
 */
final class Matrix {

  /** One cell: a host in one language loading a plugin in another, over a network, with AutoMTLS on or off. */
  record Cell(Language host, Language plugin, String contract, String network, boolean mtls) {
    Arguments arguments() {
      return Arguments.of(host, plugin, network, mtls);
    }
  }

  private Matrix() {}

  static List<Cell> cells() {
    List<Cell> cells = new ArrayList<>();
    for (Language host : List.of(Language.JAVA, Language.GO)) {
      for (Language plugin : Language.values()) {
        for (boolean mtls : List.of(true, false)) {
          cells.add(new Cell(host, plugin, "KV", "unix", mtls));
        }
      }
    }
    // go-plugin has no way to ask a plugin for TCP; ours (PLUGIN_NETWORK=tcp) is understood by the Java and Python ones.
    for (Language plugin : List.of(Language.JAVA, Language.PYTHON)) {
      for (boolean mtls : List.of(true, false)) {
        cells.add(new Cell(Language.JAVA, plugin, "KV", "tcp", mtls));
      }
    }
    for (Language[] pair : new Language[][] {{Language.JAVA, Language.GO}, {Language.GO, Language.JAVA}}) {
      for (boolean mtls : List.of(true, false)) {
        cells.add(new Cell(pair[0], pair[1], "Counter", "unix", mtls));
      }
    }
    return cells;
  }

  static Stream<Arguments> of(Language host, String contract) {
    return cells().stream().filter(c -> c.host() == host && c.contract().equals(contract)).map(Cell::arguments);
  }

  /** The matrix as TUTORIAL.md shows it: one row per host, plugin and contract. */
  static String markdownTable() {
    StringBuilder table = new StringBuilder("| host | plugin | contract | Unix socket | TCP |\n|---|---|---|---|---|\n");
    cells().stream().collect(Collectors.groupingBy(c -> List.of(c.host(), c.plugin(), c.contract()),
            java.util.LinkedHashMap::new, Collectors.toList()))
        .forEach((key, group) -> table.append("| ").append(key.get(0)).append(" | ").append(key.get(1)).append(" | ")
            .append(key.get(2)).append(" | ").append(mtlsModes(group, "unix")).append(" | ")
            .append(mtlsModes(group, "tcp")).append(" |\n"));
    return table.toString();
  }

  private static String mtlsModes(List<Cell> group, String network) {
    String modes = group.stream().filter(c -> c.network().equals(network))
        .map(c -> c.mtls() ? "mTLS" : "plaintext").collect(Collectors.joining(", "));
    return modes.isEmpty() ? "–" : "✓ " + modes;
  }
}
