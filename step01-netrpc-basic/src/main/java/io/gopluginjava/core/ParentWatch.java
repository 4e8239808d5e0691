package io.gopluginjava.core;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * go-plugin leaves a plugin running when its host dies without killing it (go-plugin issue 10). We add a rule: a
 * plugin whose parent process is gone exits, so a crashed host never leaves orphans behind.
 */
public final class ParentWatch {

  private ParentWatch() {}

  /** Runs {@code onGone} once the parent of this process has exited (checked every 200 ms on a daemon thread). */
  public static void onParentExit(Runnable onGone) {
    ProcessHandle parent = ProcessHandle.current().parent().orElse(null);
    if (parent == null) {
      return;
    }
    ScheduledExecutorService watch = Executors.newSingleThreadScheduledExecutor(task -> {
      Thread thread = new Thread(task, "goplugin-parent-watch");
      thread.setDaemon(true);
      return thread;
    });
    long parentPid = parent.pid();
    watch.scheduleWithFixedDelay(() -> {
      long now = ProcessHandle.current().parent().map(ProcessHandle::pid).orElse(-1L);
      if (now != parentPid || !parent.isAlive()) {
        onGone.run();
      }
    }, 200, 200, TimeUnit.MILLISECONDS);
  }
}
