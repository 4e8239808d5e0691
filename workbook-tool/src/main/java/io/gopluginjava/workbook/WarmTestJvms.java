package io.gopluginjava.workbook;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The test JVMs each step's runs reuse while the workbook runs (a verify's runs, a watch's rounds), started as the
 * first run needs them; a new class path (a pom changed) or a JVM that a run left unusable gets a new one. All end
 * when the workbook does.
 */
final class WarmTestJvms {

  private record Pool(List<Path> classPath, List<WarmTestJvm> jvms) {}

  private static final Map<Path, Pool> POOLS = new HashMap<>();

  static {
    Runtime.getRuntime().addShutdownHook(new Thread(WarmTestJvms::closeAll, "workbook-test-jvms"));
  }

  private WarmTestJvms() {}

  /** JVM number {@code index} of {@code step}, ready for a run on {@code classPath}. */
  static synchronized WarmTestJvm get(Step step, List<Path> classPath, int index) {
    Path key = step.dir().toAbsolutePath();
    Pool pool = POOLS.get(key);
    if (pool != null && !pool.classPath().equals(classPath)) {
      close(step);
      pool = null;
    }
    if (pool == null) {
      pool = new Pool(List.copyOf(classPath), new ArrayList<>());
      POOLS.put(key, pool);
    }
    List<WarmTestJvm> jvms = pool.jvms();
    while (jvms.size() <= index) {
      jvms.add(null);
    }
    WarmTestJvm jvm = jvms.get(index);
    if (jvm == null || !jvm.usable()) {
      if (jvm != null) {
        jvm.kill();
      }
      jvm = WarmTestJvm.start(step, classPath, index);
      jvms.set(index, jvm);
    }
    return jvm;
  }

  /** Ends JVM {@code index} of {@code step}: the next run there gets a fresh one. */
  static synchronized void retire(Step step, int index) {
    Pool pool = POOLS.get(step.dir().toAbsolutePath());
    if (pool != null && index < pool.jvms().size() && pool.jvms().get(index) != null) {
      pool.jvms().set(index, null).kill();
    }
  }

  /** Ends the step's JVMs (a verify that is done with the step). */
  static synchronized void close(Step step) {
    Pool pool = POOLS.remove(step.dir().toAbsolutePath());
    if (pool != null) {
      pool.jvms().stream().filter(j -> j != null).forEach(WarmTestJvm::close);
    }
  }

  private static synchronized void closeAll() {
    POOLS.values().forEach(pool -> pool.jvms().stream().filter(j -> j != null).forEach(WarmTestJvm::close));
    POOLS.clear();
  }
}
