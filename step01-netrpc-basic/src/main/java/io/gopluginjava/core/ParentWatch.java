package io.gopluginjava.core;

import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * go-plugin leaves a plugin running when its host dies without killing it (go-plugin issue 10). We add a rule: a
 * plugin whose host process is gone exits, so a crashed host never leaves orphans behind.
 */
public final class ParentWatch {

  /** Shells that may stand between host and plugin, as in {@code sh -c "$KV_PLUGIN"}; dash does not exec. */
  static final Set<String> SHELLS = Set.of("sh", "dash", "bash", "zsh", "ash", "busybox");

  private ParentWatch() {}

  /**
   * Runs {@code onGone} once the host has exited (checked every 200 ms on a daemon thread). The host is the parent,
   * or, when the parent is a shell, the shell's parent: a shell that did not exec its command outlives a host killed
   * with SIGKILL, so watching the shell alone would keep the plugin alive for ever.
   *
   * @return what stops the watch, for a plugin that ends before its host does
   */
  public static Runnable onParentExit(Runnable onGone) {
    ProcessHandle parent = ProcessHandle.current().parent().orElse(null);
    if (parent == null) {
      return () -> {};
    }
    // tag::parent-watch[]
    ProcessHandle shellsParent = isShell(parent) ? parent.parent().orElse(null) : null;
    ScheduledExecutorService watch = Executors.newSingleThreadScheduledExecutor(task -> {
      Thread thread = new Thread(task, "goplugin-parent-watch");
      thread.setDaemon(true);
      return thread;
    });
    watch.scheduleWithFixedDelay(() -> {
      if (adopted(ProcessHandle.current(), parent) || (shellsParent != null && adopted(parent, shellsParent))) {
        onGone.run();
      }
    }, 200, 200, TimeUnit.MILLISECONDS);
    // end::parent-watch[]
    return watch::shutdownNow;
  }

  /** True once {@code child} no longer has {@code parent} as its parent (it was adopted) or the parent is gone. */
  private static boolean adopted(ProcessHandle child, ProcessHandle parent) {
    return !parent.isAlive() || child.parent().map(ProcessHandle::pid).orElse(-1L) != parent.pid();
  }

  private static boolean isShell(ProcessHandle process) {
    Optional<String> command = process.info().command();
    return command.map(path -> SHELLS.contains(Path.of(path).getFileName().toString())).orElse(false);
  }
}
