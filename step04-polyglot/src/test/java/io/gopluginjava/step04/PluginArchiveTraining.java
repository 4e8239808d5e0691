package io.gopluginjava.step04;

import io.gopluginjava.core.ClassDataArchive;
import io.gopluginjava.core.ClientConfig;
import io.gopluginjava.core.JavaCommand;
import io.gopluginjava.core.PluginClient;
import io.gopluginjava.core.ShellLine;
import io.gopluginjava.step02.shared.KV;
import io.gopluginjava.step02.shared.KvGrpcPlugin;
import io.gopluginjava.step03.shared.Counter;
import io.gopluginjava.step03.shared.CounterGrpcPlugin;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.OptionalInt;
import java.util.stream.Stream;

/**
 * Trains the class-data archive of {@link PluginClassPath}: {@link TrainingPluginMain}, started on it with
 * {@code -XX:ArchiveClassesAtExit}, serves a KV put and get and a Counter put that calls this host back, over
 * AutoMTLS, then stops; the JVM writes the classes it loaded (on top of the JDK's own archive) as it exits. A failed
 * training leaves no archive, and the plugins start without one: it is said once and tried again only when the class
 * path changed.
 */
final class PluginArchiveTraining {

  private static final Duration DUMP_GRACE = Duration.ofSeconds(60);
  /** Marks a training that failed, so that the next test JVM does not try again for the same class path. */
  private static final String FAILED = "\nfailed";

  private PluginArchiveTraining() {}

  /** Trains the archive beside {@code jar} unless the last training was of the class path in {@code state}. */
  static void ifStale(Path jar, String state) throws IOException {
    Path archive = ClassDataArchive.beside(jar);
    Path trained = archive.resolveSibling(archive.getFileName() + ".trained");
    if (Files.isRegularFile(trained)
        && Files.readString(trained).equals(Files.isRegularFile(archive) ? state : state + FAILED)) {
      return;
    }
    Files.deleteIfExists(archive);
    String failure = train(jar, archive);
    if (failure != null) {
      System.err.println("PluginClassPath: no class-data archive, Java plugins start without one: " + failure);
    }
    Files.writeString(trained, failure == null ? state : state + FAILED);
  }

  /** Null when {@code archive} was made, otherwise why not. */
  private static String train(Path jar, Path archive) throws IOException {
    Path partial = archive.resolveSibling(archive.getFileName() + ".partial");
    Files.deleteIfExists(partial);
    List<String> command = new ArrayList<>(JavaCommand.of(jar.toString(), TrainingPluginMain.class.getName()));
    command.add(command.indexOf("-cp"), "-XX:ArchiveClassesAtExit=" + partial);
    Path work = Files.createTempDirectory("plugin-archive-training");
    OptionalInt exit;
    try (PluginClient client = new PluginClient(ClientConfig.builder()
        .handshake(io.gopluginjava.step02.shared.Plugins.HANDSHAKE)
        .plugin(io.gopluginjava.step02.shared.Plugins.KV, new KvGrpcPlugin())
        .plugin(io.gopluginjava.step03.shared.Plugins.COUNTER, new CounterGrpcPlugin())
        .shellCommand(ShellLine.in(work, command))
        .autoMtls(true)
        .startTimeout(DUMP_GRACE)
        .exitGrace(DUMP_GRACE) // the JVM writes the archive on its way out
        .build())) {
      KV kv = client.dispense(io.gopluginjava.step02.shared.Plugins.KV, KV.class);
      kv.put("training-kv", "run".getBytes(StandardCharsets.UTF_8));
      kv.get("training-kv");
      Counter counter = client.dispense(io.gopluginjava.step03.shared.Plugins.COUNTER, Counter.class);
      counter.put("training-counter", 1, Math::addExact); // both keep kv_<key> files in one directory
      counter.get("training-counter");
      client.kill();
      exit = client.exitStatus();
    } catch (RuntimeException e) {
      Files.deleteIfExists(partial);
      return "the training plugin failed: " + e;
    } finally {
      deleteTree(work);
    }
    if (!exit.equals(OptionalInt.of(0)) || !Files.isRegularFile(partial)) {
      Files.deleteIfExists(partial);
      return "the training plugin exited with " + exit + " and wrote " + (Files.isRegularFile(partial) ? "an archive"
          : "no archive");
    }
    Files.move(partial, archive, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    return null;
  }

  private static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    }
  }
}
