package io.gopluginjava.testing;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;

/** Whether the Go toolchain is on the PATH: tests against real Go programs are skipped, and say so, without it. */
public final class GoToolchain {

  public static final String MISSING = "go is not on the PATH: the tests against real Go (go-plugin v1.8.0, "
      + "encoding/gob) are skipped; install Go 1.22+ to run them";

  private GoToolchain() {
  }

  public static boolean available() {
    String path = System.getenv("PATH");
    if (path == null) {
      return false;
    }
    for (String dir : path.split(File.pathSeparator)) {
      if (Files.isExecutable(Path.of(dir, "go"))) {
        return true;
      }
    }
    return false;
  }
}
