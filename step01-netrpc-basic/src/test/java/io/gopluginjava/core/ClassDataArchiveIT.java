package io.gopluginjava.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.Gson;
import java.io.IOException;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
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
 * The class-data archive the build makes for a jar, made here the same way for a jar of step01's classes and a small
 * plugin main of its own (it prints a handshake line and exits; no workbook piece runs, so a piece left as a TODO
 * cannot turn these tests red): a JVM started by {@link JavaCommand} maps its classes from the archive, and starts
 * just the same, with nothing but the handshake line on stdout, when the archive is gone, damaged, stale or made for
 * something else.
 */
@DisplayName("the class-data archive of a plugin's jar")
class ClassDataArchiveIT {

  @TempDir
  static Path dir;
  private static Path jar;
  private static Path archive;
  private static Path good;
  private static String classPath;

  /** A plugin's first act, without go-plugin's machinery: load a few classes, print a handshake line, exit. */
  public static final class ProbeMain {
    static final String LINE = "1|1|unix|/tmp/archive-probe/plugin.sock|netrpc|";

    public static void main(String[] args) {
      org.slf4j.LoggerFactory.getLogger(ProbeMain.class).debug("{}", new Gson().toJson(List.of(LINE)));
      System.out.println(LINE);
    }
  }

  @BeforeAll
  static void trainAndDump() throws Exception {
    jar = PluginJar.write(dir.resolve("probe.jar"), JavaCommand.class, ProbeMain.class, Gson.class,
        org.slf4j.LoggerFactory.class, org.slf4j.simple.SimpleLogger.class);
    classPath = jar.toString();
    ArchiveTraining training = new ArchiveTraining(jar);
    training.run(List.of(ProbeMain.class.getName()));
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
    assertThat(archive).as("the archive").isEqualTo(dir.resolve("probe.jsa")).isRegularFile();
    assertThat(JavaCommand.of(classPath, ProbeMain.class.getName())).as("the plugin's command")
        .contains("-XX:SharedArchiveFile=" + archive, "-XX:+VerifySharedSpaces");
  }

  @Test
  @DisplayName("the JVM maps the plugin's classes from it: with -Xshare:on it would refuse to start otherwise")
  void archiveIsMapped() throws Exception {
    List<String> command = JavaCommand.of(classPath, ProbeMain.class.getName()).stream()
        .map(option -> option.equals("-Xshare:auto") ? "-Xshare:on" : option).toList();

    assertThat(stdout(command)).as("stdout of a plugin that must map the archive").isEqualTo(ProbeMain.LINE + "\n");
  }

  @Test
  @DisplayName("a plugin that lives long keeps C2 and the JVM's collector, and maps the archive the short-lived training made")
  void longLivedPluginMapsTheArchive() throws Exception {
    List<String> command = JavaCommand.of(classPath, ProbeMain.class.getName(), JavaCommand.Lifetime.LONG).stream()
        .map(option -> option.equals("-Xshare:auto") ? "-Xshare:on" : option).toList();

    assertThat(command).as("the long-lived plugin's command: no start-up flags")
        .noneMatch(option -> option.startsWith("-XX:TieredStopAtLevel") || option.equals("-XX:+UseSerialGC")
            || option.startsWith("-Xms"));
    assertThat(stdout(command)).as("stdout of a long-lived plugin that must map the archive (the training ran C1 and the"
        + " serial collector)").isEqualTo(ProbeMain.LINE + "\n");
  }

  @Test
  @DisplayName("without the archive the command has no archive options and the plugin starts as before")
  void missingArchive() throws Exception {
    Files.delete(archive);
    List<String> command = JavaCommand.of(classPath, ProbeMain.class.getName());

    assertThat(command).as("the plugin's command").noneMatch(option -> option.contains("SharedArchiveFile"));
    assertThat(stdout(command)).as("the plugin's stdout").isEqualTo(ProbeMain.LINE + "\n");
  }

  @Test
  @DisplayName("a truncated archive (a build stopped while writing it) is ignored without a word")
  void truncatedArchive() throws Exception {
    try (RandomAccessFile file = new RandomAccessFile(archive.toFile(), "rw")) {
      file.setLength(file.length() / 2);
    }
    assertStartsWithoutComplaint();
  }

  @Test
  @DisplayName("an archive whose header is garbage (another JVM's, or no archive at all) is ignored without a word")
  void garbageHeader() throws Exception {
    overwrite(16, 4096);
    assertStartsWithoutComplaint();
  }

  @Test
  @DisplayName("an archive damaged in its middle is caught by its checksum, where mapping it would crash the JVM")
  void damagedMiddle() throws Exception {
    overwrite(Files.size(archive) / 2, 256 << 10);
    assertStartsWithoutComplaint();
  }

  @Test
  @DisplayName("a stale archive, older than a rebuilt jar, is ignored without a word")
  void staleArchive() throws Exception {
    FileTime built = Files.getLastModifiedTime(jar);
    Files.setLastModifiedTime(jar, FileTime.fromMillis(built.toMillis() + 60_000));
    try {
      assertStartsWithoutComplaint();
    } finally {
      Files.setLastModifiedTime(jar, built);
    }
  }

  @Test
  @DisplayName("a jar written again with the same bytes (mvn package does) gets its old time back from the stamp, and"
      + " the JVM maps the archive without training it again")
  void rewrittenJarKeepsItsArchive() throws Exception {
    List<String> training = List.of("--run", ProbeMain.class.getName());
    ArchiveStamp.of(jar, training).write(archive);
    FileTime dumped = Files.getLastModifiedTime(jar);
    Path copy = Files.copy(jar, dir.resolve("probe.jar.copy"));
    Files.move(copy, jar, StandardCopyOption.REPLACE_EXISTING); // the same bytes, a new file
    Files.setLastModifiedTime(jar, FileTime.fromMillis(dumped.toMillis() + 60_000));
    try {
      assertThat(ArchiveStamp.of(jar, training).restoreIfCurrent(archive)).as("the stamp matches").isTrue();
      assertThat(Files.getLastModifiedTime(jar).toMillis()).as("the jar's time, to the millisecond")
          .isEqualTo(dumped.toMillis());
      archiveIsMapped();
    } finally {
      Files.setLastModifiedTime(jar, dumped);
      Files.deleteIfExists(ArchiveStamp.beside(archive));
    }
  }

  @Test
  @DisplayName("a stamp does not stand in for a training when the jar's bytes, the training runs, a jar on its class"
      + " path or the stamp itself differ")
  void stampRefusesWhatDiffers() throws Exception {
    List<String> training = List.of("--run", ProbeMain.class.getName());
    FileTime dumped = Files.getLastModifiedTime(jar);
    Path gsonJar = Path.of(Gson.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    Path lib = dir.resolve("lib").resolve(gsonJar.getFileName());
    FileTime libTime = Files.getLastModifiedTime(lib);
    byte[] bytes = Files.readAllBytes(jar);
    try {
      assertThat(ArchiveStamp.of(jar, training).restoreIfCurrent(archive)).as("with no stamp").isFalse();

      ArchiveStamp.of(jar, training).write(archive);
      assertThat(ArchiveStamp.of(jar, List.of("--run", "other.Main")).restoreIfCurrent(archive))
          .as("for other training runs").isFalse();

      Files.setLastModifiedTime(lib, FileTime.fromMillis(libTime.toMillis() + 60_000));
      assertThat(ArchiveStamp.of(jar, training).restoreIfCurrent(archive)).as("after a jar in lib/ changed").isFalse();
      Files.setLastModifiedTime(lib, libTime);

      try (OutputStream out = Files.newOutputStream(jar, java.nio.file.StandardOpenOption.APPEND)) {
        out.write(0); // a zip reads from its end: still a jar, with other bytes
      }
      assertThat(ArchiveStamp.of(jar, training).restoreIfCurrent(archive)).as("after the jar's bytes changed").isFalse();
      Files.write(jar, bytes);

      Files.writeString(ArchiveStamp.beside(archive), "garbage\n");
      assertThat(ArchiveStamp.of(jar, training).restoreIfCurrent(archive)).as("with a garbage stamp").isFalse();
    } finally {
      Files.write(jar, bytes);
      Files.setLastModifiedTime(jar, dumped);
      Files.setLastModifiedTime(lib, libTime);
      Files.deleteIfExists(ArchiveStamp.beside(archive));
    }
  }

  @Test
  @DisplayName("an archive made for another class path (the JDK's own) is ignored for the jar without a word")
  void foreignArchive() throws Exception {
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

  private void assertStartsWithoutComplaint() throws Exception {
    List<String> command = JavaCommand.of(classPath, ProbeMain.class.getName());
    assertThat(command).as("the plugin's command still names the archive").contains("-XX:SharedArchiveFile=" + archive);

    assertThat(stdout(command)).as("the plugin's stdout: its handshake line and nothing else").isEqualTo(ProbeMain.LINE + "\n");
    assertThat(stderr).as("what the JVM said on stderr").isEmpty();
  }

  private String stderr = "";

  /** Runs the plugin's command; returns its stdout once it has exited, and keeps its stderr. */
  private String stdout(List<String> command) throws IOException, InterruptedException {
    Path err = Files.createTempFile(dir, "stderr", ".txt");
    // In the temp directory: a JVM that crashes leaves its hs_err file where it runs.
    Process plugin = new ProcessBuilder(command).directory(dir.toFile()).redirectError(err.toFile()).start();
    try {
      plugin.getOutputStream().close();
      String out = new String(plugin.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
      assertThat(plugin.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)).as("the plugin exited").isTrue();
      assertThat(plugin.exitValue()).as("the plugin's exit status").isZero();
      stderr = Files.readString(err);
      return out;
    } finally {
      plugin.destroyForcibly().waitFor();
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

    /** The classes beside {@code classesOf}, the class file of {@code extra}, and the jars of {@code dependencies}. */
    static Path write(Path jar, Class<?> classesOf, Class<?> extra, Class<?>... dependencies)
        throws IOException, URISyntaxException {
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
        String extraEntry = extra.getName().replace('.', '/') + ".class";
        jarOut.putNextEntry(new JarEntry(extraEntry));
        Files.copy(location(extra).resolve(extraEntry), jarOut);
        jarOut.closeEntry();
      }
      return jar;
    }

    private static Path location(Class<?> type) throws URISyntaxException {
      return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
    }
  }
}
