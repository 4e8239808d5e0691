package io.gopluginjava.core;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Makes a jar's {@link ClassDataArchive} at build time, and the launchers of its commands: runs each training
 * command (a real host against a real plugin: handshake, AutoMTLS, calls) with the JVM writing the list of classes it
 * loads, in the host and in the plugin, then dumps one static archive of all of them, JDK classes included, beside
 * the jar. The build runs it at {@code package}:
 *
 * <pre>
 * java -cp target/step02-grpc.jar io.gopluginjava.core.ArchiveTraining target/step02-grpc.jar \
 *     --launcher kv=io.gopluginjava.step02.host.KvCommand \
 *     --run KV_PLUGIN=plugin:io.gopluginjava.step02.plugin.KvPluginMain io.gopluginjava.step02.host.KvCommand put k v
 * </pre>
 *
 * {@code VAR=plugin:MAIN} sets {@code VAR} to the {@code sh -c} line of that Java plugin (how go-plugin's example
 * hosts take their plugin command), {@code VAR=VALUE} sets it as is. A training that fails fails the build: an
 * archive made from a broken run would hide the breakage, and {@code -Dgoplugin.archive.skip} builds without one.
 */
public final class ArchiveTraining {

  private static final long RUN_TIMEOUT_SECONDS = 120;
  private static final String PLUGIN_PREFIX = "plugin:";

  private final Path jar;
  private final Path work;
  private final String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
  private int runs;

  ArchiveTraining(Path jar) {
    this.jar = jar.toAbsolutePath().normalize();
    this.work = this.jar.resolveSibling("archive-training");
  }

  public static void main(String[] args) throws IOException, InterruptedException {
    if (args.length < 3) {
      System.err.println("usage: ArchiveTraining JAR [--launcher NAME=MAIN]... --run [VAR=VALUE|VAR=plugin:MAIN]..."
          + " MAIN [ARG]... [--run ...]");
      System.exit(2);
    }
    long started = System.nanoTime();
    ArchiveTraining training = new ArchiveTraining(Path.of(args[0]));
    Map<String, String> launchers = new LinkedHashMap<>();
    List<List<String>> runs = new ArrayList<>();
    for (int i = 1; i < args.length; i++) {
      if (args[i].equals("--launcher") && i + 1 < args.length) {
        String[] nameAndMain = args[++i].split("=", 2);
        launchers.put(nameAndMain[0], nameAndMain[1]);
      } else if (args[i].equals("--run")) {
        runs.add(new ArrayList<>());
      } else if (!runs.isEmpty()) {
        runs.get(runs.size() - 1).add(args[i]);
      } else {
        throw new IllegalArgumentException("expected --launcher or --run, got " + args[i]);
      }
    }
    ArchiveStamp stamp = ArchiveStamp.of(training.jar, List.of(args).subList(1, args.length));
    Path archive = ClassDataArchive.beside(training.jar);
    if (stamp.restoreIfCurrent(archive)) {
      training.writeLaunchers(launchers);
      System.out.printf("archive %s: up to date (made from these very jar bytes and training runs; the jar's time put"
          + " back)%n", archive);
      return;
    }
    Files.deleteIfExists(ArchiveStamp.beside(archive)); // an archive is never paired with another one's stamp
    training.clean();
    try {
      for (List<String> run : runs) {
        training.run(run);
      }
      archive = training.dump();
    } catch (IllegalStateException e) {
      System.err.println("ArchiveTraining: " + e.getMessage());
      System.exit(1);
      return;
    }
    stamp.write(archive);
    training.writeLaunchers(launchers);
    System.out.printf("archive %s: %d MiB from %d training runs, launchers %s, in %d s%n", archive,
        Files.size(archive) >> 20, runs.size(), launchers.keySet(),
        TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started));
  }

  void writeLaunchers(Map<String, String> launchers) throws IOException {
    for (Map.Entry<String, String> launcher : launchers.entrySet()) {
      LauncherScript.write(jar, launcher.getKey(), launcher.getValue(), Path.of(java));
    }
  }

  /** One host command, its plugin started through the variables given, each JVM listing the classes it loads. */
  void run(List<String> spec) throws IOException, InterruptedException {
    int n = ++runs;
    Path dir = Files.createDirectories(work.resolve("files")); // shared: a get finds what an earlier put wrote
    Map<String, String> env = new LinkedHashMap<>();
    int i = 0;
    for (; i < spec.size() && spec.get(i).matches("[A-Za-z_][A-Za-z0-9_]*=.*"); i++) {
      String[] nameAndValue = spec.get(i).split("=", 2);
      String value = nameAndValue[1];
      if (value.startsWith(PLUGIN_PREFIX)) {
        value = ShellLine.of(command(classList(n, nameAndValue[0]), value.substring(PLUGIN_PREFIX.length()), List.of()));
      }
      env.put(nameAndValue[0], value);
    }
    if (i == spec.size()) {
      throw new IllegalArgumentException("training run " + n + " names no main class: " + spec);
    }
    List<String> host = command(classList(n, "host"), spec.get(i), spec.subList(i + 1, spec.size()));
    Path log = work.resolve("run-" + n + ".log");
    ProcessBuilder builder = new ProcessBuilder(host).directory(dir.toFile()).redirectErrorStream(true)
        .redirectOutput(log.toFile()).redirectInput(ProcessBuilder.Redirect.PIPE);
    builder.environment().putAll(env);
    Process process = builder.start();
    process.getOutputStream().close();
    if (!process.waitFor(RUN_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly().waitFor();
      fail("training run " + n + " did not finish within " + RUN_TIMEOUT_SECONDS + " s: " + host, log);
    }
    if (process.exitValue() != 0) {
      fail("training run " + n + " exited with status " + process.exitValue() + ": " + host, log);
    }
  }

  /** Every class any training JVM loaded, once, then the static archive of them for the jar's class path. */
  Path dump() throws IOException {
    Set<String> lines = new LinkedHashSet<>();
    try (var lists = Files.list(work)) {
      for (Path list : lists.filter(p -> p.toString().endsWith(".classlist")).sorted().toList()) {
        Files.readAllLines(list).stream().filter(line -> !line.startsWith("#")).forEach(lines::add);
      }
    }
    Path classList = Files.write(work.resolve("all.classes"), lines);
    Path archive = ClassDataArchive.beside(jar);
    Path log = work.resolve("dump.log");
    String failure = StaticArchiveDump.dump(classList, jar.toString(), archive, log);
    if (failure != null) {
      fail(failure, log);
    }
    return archive;
  }

  /** Class lists of an earlier build must not end up in this archive. */
  void clean() throws IOException {
    if (Files.isDirectory(work)) {
      try (var paths = Files.walk(work)) {
        for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(path);
        }
      }
    }
  }

  private Path classList(int run, String who) {
    return work.resolve("run-" + run + "-" + who + ".classlist");
  }

  private List<String> command(Path classList, String mainClass, List<String> args) {
    List<String> command = new ArrayList<>(List.of(java));
    command.addAll(JavaCommand.SHORT_LIVED);
    command.addAll(JavaCommand.QUIET);
    command.addAll(List.of("-XX:DumpLoadedClassList=" + classList, "-cp", jar.toString(), mainClass));
    command.addAll(args);
    return command;
  }

  private static void fail(String what, Path log) {
    String tail;
    try {
      List<String> lines = Files.readAllLines(log);
      tail = String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    } catch (IOException | UncheckedIOException e) {
      tail = "(no log: " + e.getMessage() + ")";
    }
    throw new IllegalStateException(what + "\n--- " + log + " (last lines)\n" + tail
        + "\n--- build without the archive with -Dgoplugin.archive.skip");
  }
}
