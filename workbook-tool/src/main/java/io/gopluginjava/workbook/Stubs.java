package io.gopluginjava.workbook;

import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntSupplier;

/** Some pieces of a step turned into TODOs for the length of one action, and put back on every path after it. */
final class Stubs {

  private final Workbook workbook;
  private final Step step;

  Stubs(Workbook workbook, Step step) {
    this.workbook = workbook;
    this.step = step;
  }

  int with(Set<String> pieceIds, IntSupplier action) {
    Map<Path, String> originals = new LinkedHashMap<>();
    Thread restoreOnExit = new Thread(() -> originals.forEach(FileText::write));
    Runtime.getRuntime().addShutdownHook(restoreOnExit);
    try {
      // From the bottom of each file up, so that the line numbers of the regions still to stub stay right.
      List<Region> regions = workbook.regions(step).values().stream()
          .filter(r -> pieceIds.contains(r.pieceId()))
          .sorted(Comparator.comparing(Region::file).thenComparing(Region::begin, Comparator.reverseOrder()))
          .toList();
      for (Region region : regions) {
        originals.putIfAbsent(region.file(), FileText.read(region.file()));
        Sources.replace(region, List.of(region.stubLine(step.piece(region.pieceId()))));
      }
      return action.getAsInt();
    } finally {
      originals.forEach(FileText::write);
      Runtime.getRuntime().removeShutdownHook(restoreOnExit);
    }
  }
}
