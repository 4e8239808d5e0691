package io.gopluginjava.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.Gson;
import io.gopluginjava.step01.host.GreeterHost;
import io.gopluginjava.step01.plugin.GreeterPluginMain;
import io.gopluginjava.step01.shared.Greeter;
import io.gopluginjava.step01.shared.GreeterPlugin;
import io.gopluginjava.step01.shared.Handshakes;
import io.gopluginjava.testing.CollectingOutput;
import java.io.IOException;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The class-data archive the build makes for a jar, made here the same way for a jar of step01's classes: a plugin
 * started by {@link JavaCommand} maps its classes from it, and starts just the same, with a clean stdout, when the
 * archive is gone, damaged, stale or made for something else.
 */
@DisplayName("the class-data archive of a plugin's jar")
class ClassDataArchiveTest {

  @TempDir
  static Path dir;
  private static Path jar;
  private static Path archive;
  private static Path good;
  private static String classPath;

  private final CollectingOutput output = new CollectingOutput();

  @BeforeAll
  static void trainAndDump() throws Exception {
    jar = PluginJar.write(dir.resolve("greeter.jar"), GreeterPluginMain.class, Gson.class,
        org.slf4j.LoggerFactory.class, org.slf4j.simple.SimpleLogger.class);
    classPath = jar.toString();
    ArchiveTraining training = new ArchiveTraining(jar);
    training.run(List.of("GREETER_PLUGIN=plugin:" + GreeterPluginMain.class.getName(), GreeterHost.class.getName()));
    archive = training.dump();
    good = Files.copy(archive, dir.resolve("good.jsa"));
  }

  @AfterEach
  void restoreTheArchive() throws IOException {
    Files.copy(good, archive, StandardCopyOption.REPLACE_EXISTING);
  }

  @Test
  @DisplayName("the build's training makes it beside the jar, and the plugin's command uses it")
  void commandUsesTheArchive() {
    assertThat(archive).as("the archive").isEqualTo(dir.resolve("greeter.jsa")).isRegularFile();
    assertThat(JavaCommand.of(classPath, GreeterPluginMain.class.getName())).as("the plugin's command")
        .contains("-XX:SharedArchiveFile=" + archive, "-XX:+VerifySharedSpaces");
  }

  @Test
  @DisplayName("the JVM maps the plugin's classes from it: with -Xshare:on it would refuse to start otherwise")
  void archiveIsMapped() {
    List<String> command = JavaCommand.of(classPath, GreeterPluginMain.class.getName()).stream()
        .map(option -> option.equals("-Xshare:auto") ? "-Xshare:on" : option).toList();

    assertThat(greet(command)).as("greeting through a plugin that must map the archive").isEqualTo("Hello!");
  }

  @Test
  @DisplayName("without the archive the command has no archive options and the plugin starts as before")
  void missingArchive() throws IOException {
    Files.delete(archive);
    List<String> command = JavaCommand.of(classPath, GreeterPluginMain.class.getName());

    assertThat(command).as("the plugin's command").noneMatch(option -> option.contains("SharedArchiveFile"));
    assertThat(greet(command)).as("greeting").isEqualTo("Hello!");
  }

  @Test
  @DisplayName("a truncated archive (a build stopped while writing it) is ignored without a word")
  void truncatedArchive() throws IOException {
    try (RandomAccessFile file = new RandomAccessFile(archive.toFile(), "rw")) {
      file.setLength(file.length() / 2);
    }
    assertStartsWithoutComplaint();
  }

  @Test
  @DisplayName("an archive whose header is garbage (another JVM's, or no archive at all) is ignored without a word")
  void garbageHeader() throws IOException {
    overwrite(16, 4096);
    assertStartsWithoutComplaint();
  }

  @Test
  @DisplayName("an archive damaged in its middle is caught by its checksum, where mapping it would crash the JVM")
  void damagedMiddle() throws IOException {
    overwrite(Files.size(archive) / 2, 256 << 10);
    assertStartsWithoutComplaint();
  }

  @Test
  @DisplayName("a stale archive, older than a rebuilt jar, is ignored without a word")
  void staleArchive() throws IOException {
    FileTime built = Files.getLastModifiedTime(jar);
    Files.setLastModifiedTime(jar, FileTime.fromMillis(built.toMillis() + 60_000));
    try {
      assertStartsWithoutComplaint();
    } finally {
      Files.setLastModifiedTime(jar, built);
    }
  }

  @Test
  @DisplayName("an archive made for another class path (the JDK's own) is ignored for the jar without a word")
  void foreignArchive() throws IOException, InterruptedException {
    Path jdkArchive = Path.of(System.getProperty("java.home"), "lib", "server", "classes.jsa");
    if (Files.isRegularFile(jdkArchive)) {
      Files.copy(jdkArchive, archive, StandardCopyOption.REPLACE_EXISTING);
    } else { // a JDK shipped without its default archive: make one like it
      Process dump = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
          "-Xshare:dump", "-XX:SharedArchiveFile=" + archive).redirectErrorStream(true)
          .redirectOutput(dir.resolve("jdk-dump.log").toFile()).start();
      assertThat(dump.waitFor()).as("exit status of the JDK-only dump").isZero();
    }
    assertStartsWithoutComplaint();
  }

  private void assertStartsWithoutComplaint() {
    List<String> command = JavaCommand.of(classPath, GreeterPluginMain.class.getName());
    assertThat(command).as("the plugin's command still names the archive").contains("-XX:SharedArchiveFile=" + archive);

    assertThat(greet(command)).as("greeting: the handshake line parsed, so nothing came before it on stdout")
        .isEqualTo("Hello!");
    assertThat(output.lines()).as("what the plugin wrote besides its own log line")
        .allMatch(line -> line.contains("GreeterHello"));
  }

  private String greet(List<String> command) {
    ClientConfig config = ClientConfig.builder()
        .handshake(Handshakes.GREETER)
        .plugin(Handshakes.GREETER_PLUGIN, new GreeterPlugin())
        .command(command)
        .output(output)
        .startTimeout(Duration.ofSeconds(30))
        .build();
    try (PluginClient client = new PluginClient(config)) {
      return client.dispense(Handshakes.GREETER_PLUGIN, Greeter.class).greet();
    }
  }

  private static void overwrite(long offset, int length) throws IOException {
    byte[] noise = new byte[length];
    new Random(13).nextBytes(noise);
    try (RandomAccessFile file = new RandomAccessFile(archive.toFile(), "rw")) {
      file.seek(offset);
      file.write(noise);
    }
  }

  /** A jar like the build's: the plugin's classes, and its dependencies in lib/ named by its manifest. */
  private static final class PluginJar {

    static Path write(Path jar, Class<?> classesOf, Class<?>... dependencies) throws IOException, URISyntaxException {
      Path lib = Files.createDirectories(jar.resolveSibling("lib"));
      List<String> classPath = new ArrayList<>();
      for (Class<?> dependency : dependencies) {
        Path from = location(dependency);
        Files.copy(from, lib.resolve(from.getFileName()), StandardCopyOption.REPLACE_EXISTING);
        classPath.add("lib/" + from.getFileName());
      }
      Manifest manifest = new Manifest();
      manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
      manifest.getMainAttributes().put(Attributes.Name.CLASS_PATH, String.join(" ", classPath));
      Path classes = location(classesOf);
      try (OutputStream out = Files.newOutputStream(jar); JarOutputStream jarOut = new JarOutputStream(out, manifest);
          Stream<Path> files = Files.walk(classes)) {
        for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
          jarOut.putNextEntry(new JarEntry(classes.relativize(file).toString().replace('\\', '/')));
          Files.copy(file, jarOut);
          jarOut.closeEntry();
        }
      }
      return jar;
    }

    private static Path location(Class<?> type) throws URISyntaxException {
      return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
    }
  }
}
