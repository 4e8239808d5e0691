package io.gopluginjava.workbook;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * One of a step's long-lived test JVMs ({@link WarmTestJvmMain} in it): started on the step's class path less its
 * class directories, in the step's directory with surefire's options, and reused by each {@link ClassPathTestRun}, so
 * that a run pays neither a JVM start nor the cold loading and compiling of JUnit, Netty and gRPC. Each run loads the
 * step's classes afresh. The workbook talks to it over a loopback socket (its output goes to files: a plugin process
 * that inherits it cannot garble the talk); when the workbook ends, the socket closes and the JVM ends with it.
 */
final class WarmTestJvm implements AutoCloseable {

  private static final String MAIN = "io.gopluginjava.workbook.WarmTestJvmMain";
  private static final Duration START = Duration.ofMinutes(1);

  private final Path dir;
  private final Process process;
  private final Socket socket;
  private final DataInputStream in;
  private final DataOutputStream out;
  private final Path jvmLog;
  private boolean pending;

  private WarmTestJvm(Path dir, Process process, Socket socket, Path jvmLog) throws IOException {
    this.dir = dir;
    this.process = process;
    this.socket = socket;
    this.in = new DataInputStream(new BufferedInputStream(socket.getInputStream()));
    this.out = new DataOutputStream(new BufferedOutputStream(socket.getOutputStream()));
    this.jvmLog = jvmLog;
    // A JVM that ends mid-run (a test's System.exit, a crash) closes the socket: the wait for its reply ends too.
    process.onExit().thenRun(this::closeSocket);
  }

  /** Starts test JVM number {@code index} of {@code step} on {@code classPath}. */
  static WarmTestJvm start(Step step, List<Path> classPath, int index) {
    Path work = step.dir().resolve("target/workbook");
    Path runnerClasses = work.resolve("runner-classes-" + index);
    Path jvmLog = work.resolve("jvm-" + index + ".log");
    Path classPathFile = work.resolve("jvm-classpath");
    List<Path> jars = classPath.stream().filter(p -> p.getFileName().toString().endsWith(".jar")).toList();
    List<Path> dirs = classPath.stream().filter(p -> !jars.contains(p)).toList();
    copyMain(dirs, runnerClasses);
    List<String> lines = new ArrayList<>();
    lines.add(join(classPath));
    dirs.forEach(d -> lines.add(d.toAbsolutePath().toString()));
    FileText.write(classPathFile, String.join("\n", lines) + "\n");
    List<Path> own = new ArrayList<>(List.of(runnerClasses));
    own.addAll(jars);
    try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
          .toString()));
      command.addAll(ClassPathTestRun.JVM_OPTIONS);
      command.addAll(List.of("-cp", join(own), MAIN, String.valueOf(server.getLocalPort()),
          classPathFile.toAbsolutePath().toString()));
      FileText.write(jvmLog, "");
      Process process = new ProcessBuilder(command).directory(step.dir().toFile()).redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(jvmLog.toFile())).start();
      try {
        return new WarmTestJvm(step.dir(), process, accept(server, process, jvmLog), jvmLog);
      } catch (RuntimeException | IOException e) {
        ProcessTree.destroy(process);
        throw e;
      }
    } catch (IOException e) {
      throw new WorkbookException("could not start a test JVM for " + step.id() + ": " + e.getMessage());
    }
  }

  private static Socket accept(ServerSocket server, Process process, Path jvmLog) throws IOException {
    long deadline = System.nanoTime() + START.toNanos();
    server.setSoTimeout(200);
    while (true) {
      try {
        return server.accept();
      } catch (SocketTimeoutException e) {
        if (!process.isAlive() || System.nanoTime() > deadline) {
          throw new WorkbookException("the test JVM " + (process.isAlive() ? "did not call back within "
              + START.toSeconds() + " s" : "ended with status " + process.exitValue()) + " before its first run: "
              + tail(jvmLog));
        }
      }
    }
  }

  /** The runner's classes only, so that the rest of workbook-tool's classes load with each run's step classes. */
  private static void copyMain(List<Path> dirs, Path target) {
    String packageDir = MAIN.substring(0, MAIN.lastIndexOf('.')).replace('.', File.separatorChar);
    String simple = MAIN.substring(MAIN.lastIndexOf('.') + 1);
    Path source = dirs.stream().map(d -> d.resolve(packageDir)).filter(d -> Files.isRegularFile(d.resolve(simple
        + ".class"))).findFirst().orElseThrow(() -> new WorkbookException("no " + MAIN + " on the step's class path:"
            + " build the workbook-tool module (mvn -q test-compile) and try again"));
    FileText.deleteTree(target);
    try (Stream<Path> files = Files.list(source)) {
      Path into = Files.createDirectories(target.resolve(packageDir));
      for (Path f : files.filter(f -> f.getFileName().toString().matches(simple + "(\\$.*)?\\.class")).toList()) {
        Files.copy(f, into.resolve(f.getFileName()));
      }
    } catch (IOException e) {
      throw new WorkbookException("could not copy the test JVM's main to " + target + ": " + e.getMessage());
    }
  }

  /** Sends a run of {@code classes} (fully qualified); its output goes to {@code log}, its report to {@code reports}. */
  void send(List<String> classes, String methodFilter, Path reports, Path log) {
    try {
      out.writeUTF(reports.toAbsolutePath().toString());
      out.writeUTF(log.toAbsolutePath().toString());
      out.writeUTF(methodFilter);
      out.writeInt(classes.size());
      for (String c : classes) {
        out.writeUTF(c);
      }
      out.flush();
      pending = true;
    } catch (IOException e) {
      throw new WorkbookException("the test JVM in " + dir + " " + ended() + ": " + tail(jvmLog));
    }
  }

  /** The reply to the run sent; a JVM that ends or stops answering is no reply at all. */
  Reply await(Duration timeout) {
    try {
      socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, Math.max(1, timeout.toMillis())));
      int status = in.readInt();
      String leftBehind = in.readUTF();
      pending = false;
      return new Reply(status, leftBehind, null);
    } catch (SocketTimeoutException e) {
      return new Reply(-1, "", "did not finish within " + minutesOrSeconds(timeout));
    } catch (IOException e) {
      return new Reply(-1, "", ended() + " during the run: " + tail(jvmLog));
    }
  }

  /** What a run gave: the launcher's status and what it left behind, or why there is none ({@code failure}). */
  record Reply(int status, String leftBehind, String failure) {
    boolean timedOut() {
      return failure != null && failure.startsWith("did not finish");
    }
  }

  boolean usable() {
    return process.isAlive() && !pending && !socket.isClosed();
  }

  /** Ends the JVM: its socket closed, it ends by itself (its shutdown hooks run); one that does not is ended. */
  @Override
  public void close() {
    closeSocket();
    try {
      process.waitFor(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    ProcessTree.destroy(process);
  }

  /** Ends the JVM and everything it started, now, and waits until it has ended. */
  void kill() {
    ProcessTree.destroy(process);
    closeSocket();
    try {
      process.waitFor(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private String ended() {
    try {
      return process.waitFor(5, TimeUnit.SECONDS) ? "ended with status " + process.exitValue() : "stopped answering";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "stopped answering";
    }
  }

  private void closeSocket() {
    try {
      socket.close();
    } catch (IOException e) {
      // Closing is all that was wanted.
    }
  }

  private static String tail(Path log) {
    List<String> lines = Files.isRegularFile(log) ? FileText.readLines(log) : List.of();
    return lines.isEmpty() ? "(it printed nothing)"
        : String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
  }

  private static String minutesOrSeconds(Duration d) {
    return d.toSeconds() >= 60 && d.toSeconds() % 60 == 0 ? d.toMinutes() + " minutes" : d.toSeconds() + " s";
  }

  private static String join(List<Path> paths) {
    return paths.stream().map(p -> p.toAbsolutePath().toString()).collect(Collectors.joining(File.pathSeparator));
  }
}
