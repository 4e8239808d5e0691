package io.gopluginjava.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** What plugins left in a directory given to them as their {@code TMPDIR} or socket directory: files and folders. */
public final class Leftovers {

  private Leftovers() {}

  /** Every file and folder below {@code dir}, not {@code dir} itself; empty when the plugins cleaned up. */
  public static List<Path> in(Path dir) {
    try (Stream<Path> entries = Files.walk(dir)) {
      return entries.filter(path -> !path.equals(dir)).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
