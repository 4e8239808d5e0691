package io.gopluginjava.step04;

import static org.assertj.core.api.Assertions.assertThat;

import io.gopluginjava.step02.plugin.KvPluginMain;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The class path the tests start Java plugins on: their classes from jars and an archive, never older than the test's. */
@DisplayName("the class path of the Java plugins the tests start")
class PluginClassPathTest {

  @TempDir Path dir;

  @Test
  @DisplayName("a Java plugin maps its classes from the trained archive: with -Xshare:on it would not start otherwise")
  void pluginMapsTheArchive() throws Exception {
    List<String> command = PluginClassPath.command(KvPluginMain.class).stream()
        .map(option -> option.equals("-Xshare:auto") ? "-Xshare:on" : option).toList();
    Path stderr = dir.resolve("stderr");

    Process plugin = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .redirectError(stderr.toFile()).start(); // without the magic cookie: it says so and exits 1
    boolean exited = plugin.waitFor(30, TimeUnit.SECONDS);
    plugin.destroyForcibly().waitFor();

    assertThat(command).as("the plugin's command").anyMatch(option -> option.startsWith("-XX:SharedArchiveFile="));
    assertThat(exited).as("the plugin ended by itself").isTrue();
    assertThat(Files.readString(stderr, StandardCharsets.UTF_8)).as("what it printed, the JVM's own complaint when"
        + " it could not map the archive").contains("This binary is a plugin");
  }

  @Test
  @DisplayName("a class changed in a directory is in the plugin's jar at the next start, and an unchanged one is not"
      + " packed again (the archive stays valid)")
  void repacksChangedDirectoriesOnly() throws Exception {
    Path classes = Files.createDirectories(dir.resolve("classes/io/example"));
    Path file = Files.writeString(classes.resolve("Plugin.class"), "first");
    Path out = dir.resolve("out");

    PluginClassPath.prepare(dir.resolve("classes").toString(), out, false);
    FileTime packed = Files.getLastModifiedTime(out.resolve("classes-1.jar"));
    PluginClassPath.prepare(dir.resolve("classes").toString(), out, false);
    FileTime unchanged = Files.getLastModifiedTime(out.resolve("classes-1.jar"));
    Files.writeString(file, "second!");
    Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(5)));
    PluginClassPath.prepare(dir.resolve("classes").toString(), out, false);

    assertThat(unchanged).as("the jar's time after a second look at an unchanged directory").isEqualTo(packed);
    assertThat(entry(out.resolve("classes-1.jar"), "io/example/Plugin.class")).as("the class in the jar")
        .isEqualTo("second!");
    assertThat(entry(out.resolve(PluginClassPath.JAR), "META-INF/MANIFEST.MF")).as("the jar that lists the class path")
        .contains("Class-Path: classes-1.jar");
  }

  private static String entry(Path jar, String name) throws IOException {
    try (JarFile file = new JarFile(jar.toFile())) {
      return new String(file.getInputStream(file.getJarEntry(name)).readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
