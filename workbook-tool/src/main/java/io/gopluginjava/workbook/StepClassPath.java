package io.gopluginjava.workbook;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A step's test class path as Maven resolves it: its test classes, its classes, then every dependency (the steps it
 * builds on as their {@code target/classes}). Maven writes it to {@code target/workbook/classpath} in the run that
 * builds the step ({@link MavenTestRun} adds the goal), so the workbook can run the step's tests without a Maven start.
 */
final class StepClassPath {

  /** Where Maven writes it, relative to each module (Maven resolves a relative file parameter against the module). */
  static final String FILE = "target/workbook/classpath";

  /** The goal and properties that write it, to add to a Maven command that builds the step. */
  static final List<String> MAVEN_ARGUMENTS = List.of("dependency:build-classpath",
      "-Dmdep.outputFile=" + FILE, "-Dmdep.includeScope=test");

  private StepClassPath() {}

  /**
   * Marks the class path as current after a Maven build of the step: Maven's goal leaves the file untouched when the
   * class path did not change, and its age is what tells a pom changed since.
   */
  static void built(Step step) {
    Path file = step.dir().resolve(FILE);
    if (Files.isRegularFile(file)) {
      try {
        Files.setLastModifiedTime(file, FileTime.fromMillis(System.currentTimeMillis()));
      } catch (IOException e) {
        throw new WorkbookException("could not mark " + file + " as current: " + e.getMessage());
      }
    }
  }

  /** The class path written by the last build, unless a pom changed since (then only a Maven build knows it). */
  static Optional<List<Path>> lastBuilt(Path root, Step step) {
    Path file = step.dir().resolve(FILE);
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    long written = FileText.lastModified(file);
    List<Path> poms = new ArrayList<>(List.of(root.resolve("pom.xml")));
    try (var dirs = Files.list(root)) {
      dirs.map(d -> d.resolve("pom.xml")).filter(Files::isRegularFile).forEach(poms::add);
    } catch (IOException e) {
      return Optional.empty();
    }
    if (poms.stream().anyMatch(pom -> FileText.lastModified(pom) > written)) {
      return Optional.empty();
    }
    List<Path> entries = new ArrayList<>(List.of(step.dir().resolve("target/test-classes").toAbsolutePath(),
        step.dir().resolve("target/classes").toAbsolutePath()));
    String dependencies = FileText.read(file).strip();
    if (!dependencies.isEmpty()) {
      Arrays.stream(dependencies.split(File.pathSeparator)).map(Path::of).forEach(entries::add);
    }
    return Optional.of(entries);
  }
}
