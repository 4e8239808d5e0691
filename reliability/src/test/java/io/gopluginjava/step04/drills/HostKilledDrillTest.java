package io.gopluginjava.step04.drills;

import static org.assertj.core.api.Assertions.assertThat;

import io.gopluginjava.core.JavaCommand;
import io.gopluginjava.testing.Await;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * go-plugin lets a plugin outlive a host that died without ending it (go-plugin issue 10); ours do not. The host is a
 * child JVM killed with SIGKILL, so no shutdown hook or finally block of the host's can help.
 */
@Tag(Drills.TAG)
@DisplayName("drills: a host killed with SIGKILL leaves no plugin behind")
class HostKilledDrillTest {

  private static final Duration GONE_WITHIN = Duration.ofSeconds(2);

  @TempDir Path workDir;

  @Test
  @DisplayName("every plugin the host started, in Java and Go, with or without exec, exits within 2 s")
  void pluginsExitWhenTheirHostIsKilled() throws Exception {
    List<String> command = new ArrayList<>(JavaCommand.forMain(DyingHostMain.class));
    command.add(workDir.toString());
    Process host = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    Map<ProcessHandle, String> plugins = new LinkedHashMap<>();
    try {
      List<String> report = CompletableFuture.supplyAsync(() -> readUntilReady(host))
          .get(2, TimeUnit.MINUTES);
      for (String line : report) {
        String[] words = line.split(" ", 3);
        ProcessHandle.of(Long.parseLong(words[1])).ifPresent(plugin -> plugins.put(plugin, words[2]));
      }
      assertThat(plugins.values()).as("the host's plugins, running before the host is killed")
          .hasSizeGreaterThanOrEqualTo(2 * Drills.LANGUAGES.size());

      host.destroyForcibly().waitFor();
      long killed = System.nanoTime();

      Map<String, Long> goneAfter = new LinkedHashMap<>();
      boolean allGone = Await.until(() -> {
        plugins.forEach((plugin, label) -> {
          if (hasExited(plugin)) {
            goneAfter.putIfAbsent(label, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killed));
          }
        });
        return goneAfter.size() == plugins.size();
      }, GONE_WITHIN);
      System.out.println("host-killed drill: ms from the host's SIGKILL to each plugin process's exit: " + goneAfter);
      assertThat(allGone).as("all plugin processes gone within %d ms; still running: %s", GONE_WITHIN.toMillis(),
          plugins.entrySet().stream().filter(p -> !hasExited(p.getKey())).map(Map.Entry::getValue).toList()).isTrue();
    } finally {
      host.destroyForcibly().waitFor();
      plugins.keySet().forEach(ProcessHandle::destroyForcibly); // orphans are not our descendants: no leak check sees them
    }
  }

  /**
   * Exited, or a zombie: an orphan that has exited waits for whoever adopted it (pid 1 here, which reaps only now and
   * then) to collect its status, and {@link ProcessHandle#isAlive} counts that wait as alive.
   */
  private static boolean hasExited(ProcessHandle process) {
    if (!process.isAlive()) {
      return true;
    }
    try {
      String stat = Files.readString(Path.of("/proc", String.valueOf(process.pid()), "stat"));
      return stat.substring(stat.lastIndexOf(')') + 2).startsWith("Z");
    } catch (IOException gone) {
      return true;
    }
  }

  private static List<String> readUntilReady(Process host) {
    List<String> pids = new ArrayList<>();
    try (BufferedReader out = new BufferedReader(new InputStreamReader(host.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = out.readLine(); line != null; line = out.readLine()) {
        if (line.equals("ready")) {
          return pids;
        }
        if (line.startsWith("pid ")) {
          pids.add(line);
        }
      }
    } catch (IOException e) {
      throw new IllegalStateException("could not read the host's report", e);
    }
    throw new IllegalStateException("the host exited before starting its plugins; it reported " + pids);
  }
}
