package io.gopluginjava.workbook;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.MalformedURLException;
import java.net.Socket;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.MethodFilter;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.reporting.legacy.xml.LegacyXmlReportGeneratingListener;

/**
 * The main of a step's long-lived test JVM ({@link WarmTestJvm}): JUnit and the step's dependency jars are loaded once
 * and stay warm, while each run loads the step's class directories (its test classes and classes, the earlier steps'
 * classes, this tool's TodoExtension) in a class loader of its own, so that it sees the classes just compiled and none
 * of an earlier run's static state. A run does what JUnit's console launcher did in a fresh JVM: the selected classes,
 * the method filter, the legacy XML report, the failures on the output. Compiled by Maven (it needs JUnit's launcher);
 * {@link WarmTestJvm} copies it out of {@code workbook-tool/target/classes} so that nothing else of that directory
 * is on the JVM's own class path.
 *
 * <p>Arguments: the port of the workbook's loopback socket, and a file holding the step's whole class path (its first
 * line, what {@code java.class.path} says during a run: plugins started with {@code JavaCommand.forMain} use it) and
 * the directories each run loads afresh (one per line after it).
 */
public final class WarmTestJvmMain {

  /** What a run may leave behind and still end by itself: the step's shared gRPC event loops (NoLeakedProcesses). */
  private static final Pattern SHARED_EVENT_LOOP = Pattern.compile("goplugin-grpc-\\d+-\\d+");
  private static final long GRACE_MILLIS = 2000;

  private final String classPath;
  private final List<URL> freshEachRun;

  private WarmTestJvmMain(String classPath, List<URL> freshEachRun) {
    this.classPath = classPath;
    this.freshEachRun = freshEachRun;
  }

  public static void main(String[] args) throws IOException {
    serve(args);
    // The workbook is done with this JVM: end it (its shutdown hooks run) even if a thread a run left would keep it.
    System.exit(0);
  }

  private static void serve(String[] args) throws IOException {
    List<String> lines = Files.readAllLines(Path.of(args[1]), StandardCharsets.UTF_8);
    List<URL> dirs = new ArrayList<>();
    for (String dir : lines.subList(1, lines.size())) {
      dirs.add(url(dir));
    }
    WarmTestJvmMain jvm = new WarmTestJvmMain(lines.get(0), dirs);
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), Integer.parseInt(args[0]));
        DataInputStream in = new DataInputStream(new BufferedInputStream(socket.getInputStream()));
        DataOutputStream out = new DataOutputStream(new BufferedOutputStream(socket.getOutputStream()))) {
      while (true) {
        Path reports;
        try {
          reports = Path.of(in.readUTF());
        } catch (EOFException workbookClosed) {
          return;
        }
        Path log = Path.of(in.readUTF());
        String methods = in.readUTF();
        int count = in.readInt();
        List<String> classes = new ArrayList<>();
        for (int i = 0; i < count; i++) {
          classes.add(in.readUTF());
        }
        String[] reply = jvm.run(classes, methods, reports, log);
        out.writeInt(Integer.parseInt(reply[0]));
        out.writeUTF(reply[1]);
        out.flush();
      }
    }
  }

  /**
   * One run: {status, what it left behind}. The status is the console launcher's (0 every test passed, 1 some
   * failed) or 2 when JUnit itself failed; a run that leaves a process or a thread behind says what, and the workbook
   * gives the next run a fresh JVM.
   */
  private String[] run(List<String> classes, String methods, Path reports, Path log) {
    Set<Thread> before = Thread.getAllStackTraces().keySet();
    Properties properties = (Properties) System.getProperties().clone();
    PrintStream stdout = System.out;
    PrintStream stderr = System.err;
    ClassLoader context = Thread.currentThread().getContextClassLoader();
    int status;
    try (PrintStream output = new PrintStream(new FileOutputStream(log.toFile(), true), true,
        StandardCharsets.UTF_8)) {
      System.setOut(output);
      System.setErr(output);
      try {
        status = launch(classes, methods, reports, output);
      } catch (Throwable e) { // JUnit's own failure: a result of no test, as the console launcher's status 2
        e.printStackTrace(output);
        status = 2;
      } finally {
        System.setOut(stdout);
        System.setErr(stderr);
        Thread.currentThread().setContextClassLoader(context);
        System.setProperties(properties);
      }
    } catch (IOException e) {
      return new String[] {"2", "could not write " + log + ": " + e};
    }
    return new String[] {String.valueOf(status), leftBehind(before)};
  }

  private int launch(List<String> classes, String methods, Path reports, PrintStream output) {
    // Not closed: a thread the run leaves to end by itself (a lingering event loop, a shutdown hook) may still load
    // classes from it. Directories hold no open file.
    ClassLoader loader = new URLClassLoader("workbook-run", freshEachRun.toArray(URL[]::new),
        WarmTestJvmMain.class.getClassLoader());
    Thread.currentThread().setContextClassLoader(loader);
    System.setProperty("java.class.path", classPath);
    LauncherDiscoveryRequestBuilder request = LauncherDiscoveryRequestBuilder.request();
    classes.forEach(c -> request.selectors(DiscoverySelectors.selectClass(loader, c)));
    if (!methods.isEmpty()) {
      request.filters(MethodFilter.includeMethodNamePatterns(methods));
    }
    LauncherDiscoveryRequest discovery = request.build();
    StringWriter xmlErrors = new StringWriter();
    PrintWriter out = new PrintWriter(output, true);
    SummaryGeneratingListener summary = new SummaryGeneratingListener();
    Launcher launcher = LauncherFactory.create();
    launcher.execute(discovery, summary, new LegacyXmlReportGeneratingListener(reports, new PrintWriter(xmlErrors)));
    summary.getSummary().printFailuresTo(out, 10);
    out.print(xmlErrors);
    out.flush();
    return summary.getSummary().getTotalFailureCount() == 0 ? 0 : 1;
  }

  /**
   * Waits a moment for what the run started to end, as a fresh JVM's end would have ended it: processes (then
   * ended), the library's threads and any thread that keeps a JVM alive; empty when nothing is left.
   */
  private static String leftBehind(Set<Thread> before) {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(GRACE_MILLIS);
    List<ProcessHandle> processes = ProcessHandle.current().descendants().filter(ProcessHandle::isAlive).toList();
    try {
      CompletableFuture.allOf(processes.stream().map(ProcessHandle::onExit).toArray(CompletableFuture[]::new))
          .get(GRACE_MILLIS, TimeUnit.MILLISECONDS);
    } catch (TimeoutException | java.util.concurrent.ExecutionException e) {
      // Reported below.
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    List<ProcessHandle> alive = ProcessHandle.current().descendants().filter(ProcessHandle::isAlive).toList();
    alive.forEach(ProcessHandle::destroyForcibly);
    List<Thread> threads = new ArrayList<>();
    for (Thread thread : Thread.getAllStackTraces().keySet()) {
      if (!before.contains(thread) && lingers(thread)) {
        try {
          thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
          threads.add(thread);
        }
      }
    }
    List<String> left = new ArrayList<>();
    if (!alive.isEmpty()) {
      left.add(alive.size() + " process(es): " + alive.stream()
          .map(p -> p.pid() + " " + p.info().commandLine().orElse("?")).collect(Collectors.joining("; ")));
    }
    if (!threads.isEmpty()) {
      left.add("threads " + threads.stream().map(Thread::getName).sorted().collect(Collectors.joining(", ")));
    }
    return String.join("; ", left);
  }

  private static boolean lingers(Thread thread) {
    String name = thread.getName();
    return thread.isAlive() && !SHARED_EVENT_LOOP.matcher(name).matches()
        && (!thread.isDaemon() || name.startsWith("goplugin-"));
  }

  private static URL url(String dir) {
    try {
      return Path.of(dir).toUri().toURL();
    } catch (MalformedURLException e) {
      throw new IllegalArgumentException("not a directory path: " + dir, e);
    }
  }
}
