package io.gopluginjava.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fails a test that leaves a child process, a plugin serving in this JVM ({@link InJvmPlugin}), or one of this
 * library's threads ({@code goplugin-*}), running after it. Leftover processes and plugins are ended, so that one leak
 * does not fail every test after it. Register it for all tests with
 * {@code junit.jupiter.extensions.autodetection.enabled=true} and a {@code META-INF/services} entry, as the steps do.
 */
public final class NoLeakedProcesses implements AfterEachCallback {

  private static final Duration GRACE = Duration.ofSeconds(2);
  private static final Pattern SHARED_EVENT_LOOP = Pattern.compile("goplugin-grpc-\\d+-\\d+");

  @Override
  public void afterEach(ExtensionContext context) {
    List<String> leaks = new ArrayList<>();
    if (!InJvmRunner.awaitNoneRunning(GRACE)) {
      leaks.add("the test left plugins serving in this JVM: " + InJvmRunner.destroyAll());
    }
    boolean noChildren = Await.until(() -> ProcessHandle.current().children().noneMatch(ProcessHandle::isAlive), GRACE);
    List<ProcessHandle> leaked = ProcessHandle.current().descendants().filter(ProcessHandle::isAlive).toList();
    leaked.forEach(ProcessHandle::destroyForcibly);
    if (!noChildren) {
      leaks.add("the test left " + leaked.size() + " process(es) running: " + leaked.stream()
          .map(p -> p.pid() + " " + p.info().commandLine().orElse("?")).collect(Collectors.joining("; ")));
    }
    if (!Await.until(() -> libraryThreads().isEmpty(), GRACE)) {
      leaks.add("the test left threads running: " + libraryThreads());
    }
    if (!leaks.isEmpty()) {
      throw new AssertionError(String.join("; ", leaks));
    }
  }

  /**
   * The library's threads but the shared gRPC event loops ({@code goplugin-grpc-N-M}): those outlive their last user by
   * design for a fraction of a second and then end by themselves (step02's {@code SharedEventLoops}, tested there),
   * while a channel or server left open keeps its closer thread ({@code goplugin-grpc-*-closer}), which this sees.
   */
  private static List<String> libraryThreads() {
    return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
        .filter(name -> name.startsWith("goplugin-") && !SHARED_EVENT_LOOP.matcher(name).matches()).sorted().toList();
  }
}
