package io.gopluginjava.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The artifact a Java project depends on, as {@code mvn package} left it: the runtime the steps built, without the
 * tutorial around it (examples, workbook, test helpers, a logging binding), and a pom that brings nothing else.
 */
@DisplayName("the runtime artifact io.gopluginjava:go-plugin-java")
class RuntimeJarIT {

  /** The runtime's layers: what a host or a plugin imports, and the protocol code under it. */
  static final List<String> LAYERS = List.of("io/gopluginjava/core/", "io/gopluginjava/core/tls/",
      "io/gopluginjava/gob/", "io/gopluginjava/yamux/", "io/gopluginjava/netrpc/", "io/gopluginjava/grpc/",
      "io/gopluginjava/grpc/proto/");

  /** What only the tutorial has: its examples, its workbook, its test helpers, the examples' logging binding. */
  static final List<String> TUTORIAL_ONLY = List.of("step0", "workbook", "testing/", "org/slf4j/impl/",
      "simplelogger");

  /** Where the runtime's dependencies may come from: gRPC, Netty, protobuf, Gson and the SLF4J API. */
  static final Set<String> DEPENDENCY_GROUPS = Set.of("io.grpc", "io.netty", "com.google.protobuf",
      "com.google.code.gson", "org.slf4j");

  @Test
  @DisplayName("the jar has no class or file of the tutorial: no step example, no workbook, no test helper, no binding")
  void theJarHasNothingOfTheTutorial() throws IOException {
    List<String> entries = entries(property("runtime.jar"));

    assertThat(entries).as("entries of %s that belong to the tutorial, not the runtime", property("runtime.jar"))
        .filteredOn(entry -> TUTORIAL_ONLY.stream().anyMatch(entry.toLowerCase()::contains))
        .isEmpty();
    assertThat(entries).as("entries of %s outside the runtime's packages and the jar's own META-INF",
            property("runtime.jar"))
        .allMatch(entry -> entry.startsWith("io/gopluginjava/") || entry.startsWith("META-INF/"));
  }

  @Test
  @DisplayName("the jar has every layer of the runtime, and exactly the runtime classes of the step modules")
  void theJarHasTheStepsRuntimeClasses() throws IOException {
    Set<String> classes = classes(entries(property("runtime.jar")));
    List<Path> steps = stepModules();
    Set<String> stepClasses = new TreeSet<>();
    for (Path step : steps) {
      classes(entries(step)).stream()
          .filter(name -> TUTORIAL_ONLY.stream().noneMatch(name::contains))
          .forEach(stepClasses::add);
    }

    assertThat(steps).as("the step modules on this test's class path (step02 and, through it, step01)")
        .hasSize(2);
    assertThat(LAYERS).as("the runtime's layers with a class in the jar")
        .allMatch(layer -> classes.stream().anyMatch(name -> name.startsWith(layer)
            && name.indexOf('/', layer.length()) < 0));
    assertThat(classes).as("the jar's classes against the runtime classes of %s: a class missing, or one the steps"
            + " no longer have (run mvn package again)", steps)
        .isEqualTo(stepClasses);
  }

  @Test
  @DisplayName("the sources jar has the source of every top-level class of the jar, and nothing of the tutorial")
  void theSourcesJarHasEverySource() throws IOException {
    Set<String> topLevel = new TreeSet<>(classes(entries(property("runtime.jar"))).stream()
        .filter(name -> !name.contains("$"))
        .map(name -> name.replaceFirst("\\.class$", ".java"))
        .toList());
    List<String> sources = entries(property("runtime.sources"));

    assertThat(sources).as("sources in %s", property("runtime.sources")).containsAll(topLevel);
    assertThat(sources).as("entries of %s that belong to the tutorial", property("runtime.sources"))
        .filteredOn(entry -> TUTORIAL_ONLY.stream().anyMatch(entry.toLowerCase()::contains))
        .isEmpty();
    assertThat(sources).as("entries of %s outside the runtime's packages and the jar's own META-INF",
            property("runtime.sources"))
        .allMatch(entry -> entry.startsWith("io/gopluginjava/") || entry.startsWith("META-INF/"));
  }

  @Test
  @DisplayName("the installed pom needs no parent and brings only gRPC, Netty, protobuf, Gson and the SLF4J API")
  void theInstalledPomBringsOnlyTheRuntimesDependencies() throws Exception {
    Document pom = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(property("runtime.pom").toFile());
    List<String> dependencies = new ArrayList<>();
    Set<String> nettyVersions = new TreeSet<>();
    NodeList nodes = pom.getElementsByTagName("dependency");
    for (int i = 0; i < nodes.getLength(); i++) {
      Element dependency = (Element) nodes.item(i);
      dependencies.add(text(dependency, "groupId") + ":" + text(dependency, "artifactId") + ":"
          + (text(dependency, "scope").isEmpty() ? "compile" : text(dependency, "scope")));
      if (text(dependency, "groupId").equals("io.netty")) {
        nettyVersions.add(text(dependency, "version"));
      }
    }

    assertThat(pom.getElementsByTagName("parent").getLength()).as("<parent> elements in %s", property("runtime.pom"))
        .isZero();
    assertThat(dependencies).as("dependencies in %s", property("runtime.pom"))
        .contains("org.slf4j:slf4j-api:compile", "io.grpc:grpc-netty:compile")
        .allMatch(dependency -> DEPENDENCY_GROUPS.contains(dependency.substring(0, dependency.indexOf(':'))),
            "from " + DEPENDENCY_GROUPS)
        .allMatch(dependency -> dependency.startsWith("org.slf4j:slf4j-api:") || !dependency.startsWith("org.slf4j:"),
            "no SLF4J binding: the application picks its own")
        .allMatch(dependency -> dependency.endsWith(":compile") || dependency.endsWith(":runtime"),
            "compile or runtime scope: a test or provided dependency has no place in a library's pom");
    assertThat(nettyVersions).as("versions of the io.netty dependencies in %s: one, or a consumer mixes two Netty"
        + " versions", property("runtime.pom")).hasSize(1);
  }

  private static Path property(String name) {
    String value = System.getProperty(name);
    assertThat(value).as("system property %s (set by failsafe in runtime/pom.xml)", name).isNotBlank();
    return Path.of(value);
  }

  /** The step modules' jars (or class folders, before package) that this test's class path has. */
  private static List<Path> stepModules() {
    return Stream.of(System.getProperty("java.class.path").split(File.pathSeparator))
        .map(Path::of)
        .filter(entry -> isStep(entry.getFileName()) && entry.toString().endsWith(".jar")
            || entry.endsWith(Path.of("target", "classes")) && isStep(entry.getParent().getParent().getFileName()))
        .toList();
  }

  private static boolean isStep(Path name) {
    return name != null && name.toString().matches("step0\\d-.*");
  }

  /** A jar's entries, or a class folder's files, as slash-separated names; folders left out. */
  private static List<String> entries(Path jarOrFolder) throws IOException {
    assertThat(jarOrFolder).as("what mvn package made").exists();
    if (Files.isDirectory(jarOrFolder)) {
      try (Stream<Path> files = Files.walk(jarOrFolder)) {
        return files.filter(Files::isRegularFile)
            .map(file -> jarOrFolder.relativize(file).toString().replace(File.separatorChar, '/'))
            .toList();
      }
    }
    try (JarFile jar = new JarFile(jarOrFolder.toFile())) {
      return jar.stream().filter(entry -> !entry.isDirectory()).map(ZipEntry::getName).toList();
    }
  }

  private static Set<String> classes(List<String> entries) {
    return new TreeSet<>(entries.stream()
        .filter(name -> name.startsWith("io/gopluginjava/") && name.endsWith(".class"))
        .toList());
  }

  private static String text(Element parent, String tag) {
    NodeList nodes = parent.getElementsByTagName(tag);
    return nodes.getLength() == 0 ? "" : nodes.item(0).getTextContent().strip();
  }
}
