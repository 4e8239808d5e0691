package io.gopluginjava.workbook;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * Recompiles the Java files of a step that changed since their classes were built, as maven-compiler does when only
 * method bodies changed (which is all a piece is): each stale file is compiled against the classes already built, with
 * the root pom's compiler options. In this JVM, so that the verifier's fifty runs pay javac's start once.
 */
final class JavaCompile {

  /** The root pom's maven-compiler configuration: release 17, debug information, string concatenation inlined. */
  static final List<String> OPTIONS = List.of("--release", "17", "-g", "-encoding", "UTF-8",
      "-XDstringConcat=inline", "-proc:none", "-implicit:none", "-nowarn");

  private static final Pattern PACKAGE = Pattern.compile("(?m)^\\s*package\\s+([\\w.]+)\\s*;");

  private final Step step;
  private final List<Path> classPath;

  JavaCompile(Step step, List<Path> classPath) {
    this.step = step;
    this.classPath = classPath;
  }

  /** Compiles what is stale; returns javac's messages, empty when everything compiled. */
  String compileStale() {
    StringWriter messages = new StringWriter();
    compile("src/main/java", "target/classes", messages);
    if (messages.toString().isEmpty()) {
      compile("src/test/java", "target/test-classes", messages);
    }
    return messages.toString();
  }

  private void compile(String sourceTree, String output, StringWriter messages) {
    Path classes = step.dir().resolve(output);
    List<Path> stale = Sources.files(step.dir().resolve(sourceTree)).stream()
        .filter(f -> Language.of(f).orElse(null) == Language.JAVA)
        .filter(f -> FileText.lastModified(f) >= FileText.lastModified(classFile(f, classes)))
        .toList();
    if (stale.isEmpty()) {
      return;
    }
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    if (javac == null) {
      throw new WorkbookException("this Java runtime has no compiler (javac): run ./workbook with a JDK");
    }
    List<String> arguments = new ArrayList<>(OPTIONS);
    arguments.addAll(List.of("-d", classes.toString(), "-cp",
        classPath.stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator))));
    stale.forEach(f -> arguments.add(f.toString()));
    ByteArrayOutputStream diagnostics = new ByteArrayOutputStream();
    if (javac.run(null, diagnostics, diagnostics, arguments.toArray(String[]::new)) != 0) {
      messages.write(diagnostics.toString(StandardCharsets.UTF_8));
    }
  }

  /** Where javac puts the class of a source file: its package's directory, its own name. */
  static Path classFile(Path source, Path classes) {
    Matcher pkg = PACKAGE.matcher(FileText.read(source));
    String name = source.getFileName().toString().replaceAll("\\.java$", ".class");
    return pkg.find() ? classes.resolve(pkg.group(1).replace('.', '/')).resolve(name) : classes.resolve(name);
  }
}
