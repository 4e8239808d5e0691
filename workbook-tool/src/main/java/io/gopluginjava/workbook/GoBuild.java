package io.gopluginjava.workbook;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A step's Go programs rebuilt as its pom builds them ({@code src/main/go/build.sh target/go-bin}, which skips the
 * work when every program is newer than every Go file): a Go piece the workbook stubbed or a reader saved has to be
 * linked again before the tests run it. Python needs nothing: the plugins run the sources.
 */
final class GoBuild {

  private GoBuild() {}

  /** Builds what is stale; returns the build's output when it failed, empty when it passed or there is no Go. */
  static String ofStep(Step step) {
    Path script = step.dir().resolve("src/main/go/build.sh");
    if (!Files.isRegularFile(script)) {
      return "";
    }
    ProcessBuilder builder = new ProcessBuilder("sh", script.toString(), step.dir().resolve("target/go-bin").toString())
        .directory(step.dir().toFile()).redirectErrorStream(true);
    builder.environment().put("GOFLAGS", "-mod=readonly"); // as the pom: fail rather than edit go.mod or go.sum
    Process build = null;
    try {
      build = builder.start();
      String output = new String(build.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!build.waitFor(10, TimeUnit.MINUTES)) {
        return "the Go build of " + step.id() + " took more than 10 minutes\n";
      }
      return build.exitValue() == 0 ? "" : output + "the Go build of " + step.id() + " failed with status "
          + build.exitValue() + "\n";
    } catch (IOException e) {
      return "could not run " + script + ": " + e.getMessage() + "\n";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new WorkbookException("interrupted while the Go programs of " + step.id() + " were built");
    } finally {
      ProcessTree.destroy(build);
    }
  }
}
