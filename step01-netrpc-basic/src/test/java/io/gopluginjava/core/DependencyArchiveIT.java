package io.gopluginjava.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.Gson;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The archive of a test class path's jars, made here for a small module of its own: {@code module/target/test-classes}
 * holds a probe plugin (it prints what its {@code Greeting} class says, after a Gson and an SLF4J call) and a training
 * that runs it, then step01's classes and three jars follow, directories first as surefire gives them. No workbook
 * piece runs, so a piece left as a TODO cannot turn these tests red.
 */
@DisplayName("the class-data archive of a test class path's jars")
class DependencyArchiveIT {

  @TempDir
  static Path dir;
  private static Path classes;
  private static List<String> jars;
  private static Path builtJar;
  private static String classPath;
  private static DependencyArchive archive;

  @BeforeAll
  static void makeTheModuleAndItsArchive() throws Exception {
    classes = Files.createDirectories(dir.resolve("module/target/test-classes"));
    Path lib = Files.createDirectories(dir.resolve("lib"));
    jars = new ArrayList<>();
    for (Class<?> inJar : List.of(Gson.class, org.slf4j.LoggerFactory.class, org.slf4j.simple.SimpleLogger.class)) {
      Path jar = location(inJar);
      jars.add(Files.copy(jar, lib.resolve(jar.getFileName())).toString());
    }
    compile(classes, Map.of("probe/Greeting.java", greeting("written first"),
        "probe/Main.java", "package probe; public final class Main {"
            + " public static void main(String[] args) {"
            + " org.slf4j.LoggerFactory.getLogger(Main.class).debug(new com.google.gson.Gson().toJson(java.util.List.of(1)));"
            + " System.out.println(Greeting.text()); } }",
        "probe/Training.java", "package probe; public final class Training"
            + " implements io.gopluginjava.core.DependencyTraining { public void run() { Main.main(new String[0]); } }"));
    register(classes, "probe.Training");
    // A jar an earlier module built (mvn verify packages step01 before step02's tests), with another Greeting.
    Path otherClasses = Files.createDirectories(dir.resolve("other/classes"));
    compile(otherClasses, Map.of("other/probe/Greeting.java", greeting("from a jar the build made")));
    builtJar = Files.createDirectories(dir.resolve("other/target")).resolve("other.jar");
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(builtJar))) {
      out.putNextEntry(new JarEntry("probe/Greeting.class"));
      Files.copy(otherClasses.resolve("probe/Greeting.class"), out);
      out.closeEntry();
    }
    classPath = String.join(File.pathSeparator, classes.toString(), builtJar.toString(),
        location(JavaCommand.class).toString(), String.join(File.pathSeparator, jars));
    archive = DependencyArchive.of(classPath).orElseThrow();
  }

  @AfterEach
  void keepTheArchiveWhole() throws IOException {
    Path good = dir.resolve("good.jsa");
    if (!Files.exists(good)) {
      Files.copy(archive.file(), good);
    }
    Files.copy(good, archive.file(), StandardCopyOption.REPLACE_EXISTING);
  }

  @Test
  @DisplayName("it is made under the module's target, and the plugin's command starts with the library jars; the"
      + " directories and a jar the build made keep their order after them, so a directory's class still wins")
  void commandUsesTheArchive() {
    List<String> command = JavaCommand.of(classPath, "probe.Main");

    assertThat(archive.file()).as("the archive").isRegularFile()
        .hasParent(dir.resolve("module/target").resolve(DependencyArchive.DIRECTORY));
    assertThat(command).as("the plugin's command").contains("-XX:SharedArchiveFile=" + archive.file());
    assertThat(command.get(command.indexOf("-cp") + 1)).as("the plugin's class path")
        .isEqualTo(String.join(File.pathSeparator, String.join(File.pathSeparator, jars), classes.toString(),
            builtJar.toString(), location(JavaCommand.class).toString()));
  }

  @Test
  @DisplayName("the jars' classes come from the archive, the directories' from the directories: -Xshare:on accepts it")
  void jarsMappedDirectoriesRead() throws Exception {
    Path loads = dir.resolve("class-load.log");
    List<String> command = new ArrayList<>(JavaCommand.of(classPath, "probe.Main").stream()
        .map(option -> option.equals("-Xshare:auto") ? "-Xshare:on" : option).toList());
    command.add(command.indexOf("-cp"), "-Xlog:class+load=info:file=" + loads);

    assertThat(stdout(command)).as("stdout of a plugin that must map the archive").isEqualTo("written first\n");
    assertThat(Files.readAllLines(loads)).as("where the JVM found each class")
        .anyMatch(line -> line.endsWith(" com.google.gson.Gson source: shared objects file"))
        .anyMatch(line -> line.endsWith(" org.slf4j.LoggerFactory source: shared objects file"))
        .anyMatch(line -> line.contains(" probe.Greeting source: file:" + classes));
  }

  @Test
  @DisplayName("a class the reader edits is the one that runs, and the edit does not make the archive again")
  void editedClassRuns() throws Exception {
    FileTime made = Files.getLastModifiedTime(archive.file());
    Path greeting = classes.resolve("probe/Greeting.class");
    byte[] first = Files.readAllBytes(greeting);
    compile(classes, Map.of("probe/Greeting.java", greeting("edited")));
    try {
      Optional<DependencyArchive> again = DependencyArchive.findOrMake(classPath);

      assertThat(again).as("the archive found after the edit").contains(archive);
      assertThat(Files.getLastModifiedTime(archive.file())).as("when the archive was written").isEqualTo(made);
      List<String> command = JavaCommand.of(classPath, "probe.Main").stream()
          .map(option -> option.equals("-Xshare:auto") ? "-Xshare:on" : option).toList();
      assertThat(stdout(command)).as("stdout of the plugin after the edit").isEqualTo("edited\n");
    } finally {
      Files.write(greeting, first);
    }
  }

  @Test
  @DisplayName("a jar rebuilt (another size or time) names another archive: the old one is never used for it")
  void rebuiltJarNamesAnotherArchive() throws Exception {
    Path jar = Path.of(jars.get(0));
    FileTime built = Files.getLastModifiedTime(jar);
    String before = DependencyArchive.key(jars);
    Files.setLastModifiedTime(jar, FileTime.fromMillis(built.toMillis() + 60_000));
    try {
      assertThat(DependencyArchive.key(jars)).as("the key after the rebuild").isNotEqualTo(before);
    } finally {
      Files.setLastModifiedTime(jar, built);
    }
    assertThat(DependencyArchive.key(jars)).as("the key with the jar as it was").isEqualTo(before);
  }

  @Test
  @DisplayName("an archive made for something else (the JDK's own) is ignored without a word: the plugin starts")
  void foreignArchive() throws Exception {
    Path jdkArchive = Path.of(System.getProperty("java.home"), "lib", "server", "classes.jsa");
    if (Files.isRegularFile(jdkArchive)) {
      Files.copy(jdkArchive, archive.file(), StandardCopyOption.REPLACE_EXISTING);
    } else { // a JDK shipped without its default archive: make one like it
      Process dump = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
          "-Xshare:dump", "-XX:SharedArchiveFile=" + archive.file()).redirectErrorStream(true)
          .redirectOutput(dir.resolve("jdk-dump.log").toFile()).start();
      assertThat(dump.waitFor()).as("exit status of the JDK-only dump").isZero();
    }
    assertStartsWithoutComplaint();
  }

  @Test
  @DisplayName("a truncated archive is ignored without a word: the plugin starts")
  void truncatedArchive() throws Exception {
    try (RandomAccessFile file = new RandomAccessFile(archive.file().toFile(), "rw")) {
      file.setLength(file.length() / 2);
    }
    assertStartsWithoutComplaint();
  }

  @Test
  @DisplayName("a training that fails leaves the plain command, says so in one line, and is not tried again")
  void failedTraining() throws Exception {
    Path broken = Files.createDirectories(dir.resolve("broken/target/test-classes"));
    register(broken, "probe.NoSuchTraining");
    String brokenPath = broken + File.pathSeparator + classPath;
    ByteArrayOutputStream said = new ByteArrayOutputStream();
    PrintStream stderr = System.err;
    System.setErr(new PrintStream(said, true, StandardCharsets.UTF_8));
    try {
      Optional<DependencyArchive> first = DependencyArchive.findOrMake(brokenPath);
      Path log;
      try (var files = Files.list(broken.resolveSibling(DependencyArchive.DIRECTORY))) {
        log = files.filter(file -> file.toString().endsWith(".log")).findFirst().orElseThrow();
      }
      FileTime trained = Files.getLastModifiedTime(log);

      assertThat(first).as("the archive of a class path whose training fails").isEmpty();
      assertThat(said.toString(StandardCharsets.UTF_8)).as("what it said on stderr")
          .startsWith("DependencyArchive: ").contains("the training exited with status 1").hasLineCount(1);
      assertThat(Files.readString(log)).as("the training's log").contains("probe.NoSuchTraining");

      said.reset();
      assertThat(JavaCommand.of(brokenPath, "probe.Main")).as("the plugin's command")
          .noneMatch(option -> option.contains("SharedArchiveFile")).endsWith("-cp", brokenPath, "probe.Main");
      assertThat(Files.getLastModifiedTime(log)).as("when the training's log was written").isEqualTo(trained);
      assertThat(said.toString(StandardCharsets.UTF_8)).as("what it said on stderr when asked again")
          .contains("an earlier training failed").hasLineCount(1);
    } finally {
      System.setErr(stderr);
    }
  }

  @Test
  @DisplayName("a class path that registers no training, or whose first directory is not in a target, has none")
  void noArchiveWithoutTrainingOrTarget() throws Exception {
    Path plain = Files.createDirectories(dir.resolve("plain/target/classes"));
    Path elsewhere = Files.createDirectories(dir.resolve("out/production"));
    register(elsewhere, "probe.Training");

    assertThat(DependencyArchive.of(plain + File.pathSeparator + String.join(File.pathSeparator, jars)))
        .as("the archive of a class path without a training").isEmpty();
    assertThat(DependencyArchive.of(elsewhere + File.pathSeparator + classPath))
        .as("the archive of a class path whose first directory is not in a target").isEmpty();
    assertThat(DependencyArchive.of(String.join(File.pathSeparator, jars)))
        .as("the archive of a class path of jars only").isEmpty();
    assertThat(plain.resolveSibling(DependencyArchive.DIRECTORY)).as("what was written").doesNotExist();
  }

  private static void assertStartsWithoutComplaint() throws Exception {
    List<String> command = JavaCommand.of(classPath, "probe.Main");
    assertThat(command).as("the plugin's command still names the archive")
        .contains("-XX:SharedArchiveFile=" + archive.file());
    Path err = Files.createTempFile(dir, "stderr", ".txt");

    assertThat(stdout(command, err)).as("the plugin's stdout: its line and nothing else").isEqualTo("written first\n");
    assertThat(Files.readString(err)).as("what the JVM said on stderr").isEmpty();
  }

  private static String stdout(List<String> command) throws IOException, InterruptedException {
    return stdout(command, Files.createTempFile(dir, "stderr", ".txt"));
  }

  /** Runs the plugin's command in the temp directory (where a crash leaves its hs_err file); its stdout. */
  private static String stdout(List<String> command, Path err) throws IOException, InterruptedException {
    Process plugin = new ProcessBuilder(command).directory(dir.toFile()).redirectError(err.toFile()).start();
    try {
      plugin.getOutputStream().close();
      String out = new String(plugin.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(plugin.waitFor(30, TimeUnit.SECONDS)).as("the plugin exited").isTrue();
      assertThat(plugin.exitValue()).as("the plugin's exit status (stderr: %s)", Files.readString(err)).isZero();
      return out;
    } finally {
      plugin.destroyForcibly().waitFor();
    }
  }

  private static String greeting(String text) {
    return "package probe; public final class Greeting { public static String text() { return \"" + text + "\"; } }";
  }

  /** Compiles the sources (path to text) into {@code classes}, in one javac run. */
  private static void compile(Path classes, Map<String, String> sources) throws IOException {
    List<String> args = new ArrayList<>(List.of("-d", classes.toString(), "-cp", classes + File.pathSeparator
        + location(JavaCommand.class) + File.pathSeparator + location(Gson.class) + File.pathSeparator
        + location(org.slf4j.LoggerFactory.class)));
    for (Map.Entry<String, String> source : sources.entrySet()) {
      Path path = dir.resolve("src").resolve(source.getKey());
      Files.createDirectories(path.getParent());
      Files.writeString(path, source.getValue());
      args.add(path.toString());
    }
    ByteArrayOutputStream errors = new ByteArrayOutputStream();
    int status = ToolProvider.getSystemJavaCompiler().run(null, null, errors, args.toArray(String[]::new));
    assertThat(status).as("javac's status for %s: %s", sources.keySet(), errors).isZero();
  }

  private static void register(Path classes, String training) throws IOException {
    Path registration = classes.resolve(DependencyArchive.REGISTRATION);
    Files.createDirectories(registration.getParent());
    Files.writeString(registration, training + "\n");
  }

  private static Path location(Class<?> type) {
    try {
      return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (java.net.URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
