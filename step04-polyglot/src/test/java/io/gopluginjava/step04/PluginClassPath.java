package io.gopluginjava.step04;

import io.gopluginjava.core.JavaCommand;
import io.gopluginjava.core.ShellLine;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;

/**
 * The class path the tests start a Java plugin on: this JVM's own, each directory of classes packed into a jar, all
 * behind one jar whose manifest lists them, with the class-data archive of a trained plugin beside it
 * ({@link PluginArchiveTraining}). {@link JavaCommand} gives a plugin on it that archive, as the build gives the
 * {@code kv} command's plugin its own: the JVM maps the plugin's classes instead of reading them from 60 class path
 * entries, which takes 40 % off the CPU time of a start (step04's tests start 32 Java plugins on two cores), and it
 * maps nothing from a class path of directories. A jar is packed again as soon as a class in its directory changed, so a
 * plugin never runs older code than the test; the archive is trained again whenever a jar changed. Two test JVMs
 * share the files, one at a time.
 */
public final class PluginClassPath {

  /** Under the module's target, one folder per class path of a test JVM (step04's own, reliability's). */
  static final Path ROOT = Path.of("target/plugin-classpath").toAbsolutePath();
  static final String JAR = "plugin.jar";

  private static String current;

  private PluginClassPath() {}

  /** The {@code sh -c} line that runs {@code mainClass} in {@code dir} on this class path, with its archive. */
  public static String shellLineIn(Path dir, Class<?> mainClass) {
    return ShellLine.in(dir, command(mainClass));
  }

  /** The command that runs {@code mainClass} on this class path, with its archive when there is one. */
  public static List<String> command(Class<?> mainClass) {
    return JavaCommand.of(get(), mainClass.getName());
  }

  /** The class path, made or brought up to date on the first use in this JVM; this JVM's own if that failed. */
  static synchronized String get() {
    if (current == null) {
      String classPath = System.getProperty("java.class.path");
      try {
        current = prepare(classPath, ROOT.resolve(digest(classPath).substring(0, 12)), true).toString();
      } catch (IOException | RuntimeException e) { // slower plugins, never a failed test
        System.err.println("PluginClassPath: Java plugins start on the test's own class path, without an archive: " + e);
        current = classPath;
      }
    }
    return current;
  }

  /**
   * Packs the directories of {@code classPath} into jars in {@code dir} where they changed, writes the jar that lists
   * the class path, and with {@code train} trains its archive when a jar changed; returns that jar.
   */
  static Path prepare(String classPath, Path dir, boolean train) throws IOException {
    Files.createDirectories(dir);
    try (FileChannel lockFile = FileChannel.open(dir.resolve("lock"), StandardOpenOption.CREATE,
        StandardOpenOption.WRITE); FileLock lock = lockFile.lock()) {
      List<String> manifestEntries = new ArrayList<>();
      StringBuilder state = new StringBuilder(System.getProperty("java.home")).append(' ')
          .append(System.getProperty("java.vm.version")).append('\n');
      int directories = 0;
      for (String entry : classPath.split(File.pathSeparator)) {
        Path path = Path.of(entry).toAbsolutePath().normalize();
        if (Files.isDirectory(path)) {
          Path jar = dir.resolve("classes-" + ++directories + ".jar");
          state.append(packIfChanged(path, jar)).append('\n');
          manifestEntries.add(jar.getFileName().toString());
        } else if (Files.isRegularFile(path)) {
          state.append(path).append(' ').append(Files.size(path)).append(' ')
              .append(Files.getLastModifiedTime(path).toMillis()).append('\n');
          manifestEntries.add(dir.relativize(path).toString().replace(File.separatorChar, '/'));
        }
      }
      Path jar = dir.resolve(JAR);
      byte[] manifest = manifest(manifestEntries);
      if (!Files.isRegularFile(jar) || !Arrays.equals(manifestOf(jar), manifest)) {
        writeAtomically(jar, out -> {
          try (JarOutputStream jarOut = new JarOutputStream(out)) {
            jarOut.putNextEntry(new JarEntry("META-INF/MANIFEST.MF"));
            jarOut.write(manifest);
          }
        });
      }
      state.append(digest(new String(manifest, StandardCharsets.UTF_8)));
      if (train) {
        PluginArchiveTraining.ifStale(jar, digest(state.toString()));
      }
      return jar;
    }
  }

  /** Packs {@code directory} into {@code jar} unless the jar holds it as it is now; returns the directory's digest. */
  private static String packIfChanged(Path directory, Path jar) throws IOException {
    List<Path> files;
    try (Stream<Path> walk = Files.walk(directory)) {
      files = walk.filter(Files::isRegularFile).sorted().toList();
    }
    StringBuilder listing = new StringBuilder(directory.toString()).append('\n');
    for (Path file : files) {
      listing.append(directory.relativize(file)).append(' ').append(Files.size(file)).append(' ')
          .append(Files.getLastModifiedTime(file).toMillis()).append('\n');
    }
    String digest = digest(listing.toString());
    Path stamp = jar.resolveSibling(jar.getFileName() + ".digest");
    if (Files.isRegularFile(jar) && Files.isRegularFile(stamp) && Files.readString(stamp).equals(digest)) {
      return digest;
    }
    writeAtomically(jar, out -> {
      try (JarOutputStream jarOut = new JarOutputStream(out)) {
        for (Path file : files) {
          jarOut.putNextEntry(new JarEntry(directory.relativize(file).toString().replace(File.separatorChar, '/')));
          Files.copy(file, jarOut);
        }
      }
    });
    Files.writeString(stamp, digest);
    return digest;
  }

  /** The manifest of a jar that only lists the class path, each entry relative to the jar, as the JVM reads it. */
  private static byte[] manifest(List<String> entries) throws IOException {
    Manifest manifest = new Manifest();
    manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    manifest.getMainAttributes().put(Attributes.Name.CLASS_PATH, String.join(" ", entries.stream()
        .map(entry -> entry.replace("%", "%25").replace(" ", "%20")).toList()));
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    manifest.write(bytes);
    return bytes.toByteArray();
  }

  private static byte[] manifestOf(Path jar) throws IOException {
    try (JarFile file = new JarFile(jar.toFile())) {
      JarEntry entry = file.getJarEntry("META-INF/MANIFEST.MF");
      return entry == null ? new byte[0] : file.getInputStream(entry).readAllBytes();
    }
  }

  private interface Writer {
    void write(OutputStream out) throws IOException;
  }

  /** A plugin of the other test JVM may be reading the old file: it keeps it, and sees the new one whole or not. */
  private static void writeAtomically(Path file, Writer writer) throws IOException {
    Path partial = file.resolveSibling(file.getFileName() + ".partial");
    try (OutputStream out = Files.newOutputStream(partial)) {
      writer.write(out);
    }
    Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  static String digest(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
          .digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is in every JDK", e);
    }
  }
}
