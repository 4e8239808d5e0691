package io.gopluginjava.step04.drills;

import static org.assertj.core.api.Assertions.assertThat;

import io.gopluginjava.core.JavaCommand;
import io.gopluginjava.testing.Await;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
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

      boolean allGone = Await.until(() -> plugins.keySet().stream().noneMatch(ProcessHandle::isAlive), GONE_WITHIN);
      System.out.printf("host-killed drill: %d plugin processes, all gone %d ms after the host's SIGKILL%n",
          plugins.size(), TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killed));
      assertThat(allGone).as("all plugin processes gone within %d ms; still running: %s", GONE_WITHIN.toMillis(),
          plugins.entrySet().stream().filter(p -> p.getKey().isAlive()).map(Map.Entry::getValue).toList()).isTrue();
    } finally {
      host.destroyForcibly().waitFor();
      plugins.keySet().forEach(ProcessHandle::destroyForcibly); // orphans are not our descendants: no leak check sees them
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
    } catch (java.io.IOException e) {
      throw new IllegalStateException("could not read the host's report", e);
    }
    throw new IllegalStateException("the host exited before starting its plugins; it reported " + pids);
  }
}
