package io.gopluginjava.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.gopluginjava.core.PluginRunner;
import io.gopluginjava.core.PluginStartException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The harness itself: a plugin served in this JVM must look to its host like a process, or the tests on it would
 * prove less than they say.
 */
@DisplayName("InJvmPlugin: a plugin served in the test's JVM, as its host sees it")
class InJvmPluginTest {

  private final CollectingOutput output = new CollectingOutput();
  private PluginRunner runner;

  private PluginRunner launch(InJvmPlugin.Serve serve) {
    runner = InJvmPlugin.of(serve).launch("p", List.of(), Map.of("EXTRA", "from the host"), output);
    return runner;
  }

  @AfterEach
  void end() {
    if (runner != null) {
      runner.destroyForcibly();
    }
  }

  @Test
  @DisplayName("serve gets this JVM's environment plus the host's, and what it prints after the handshake line reaches the host line by line")
  void outputAndEnvironment() {
    launch((env, stdout, stderr) -> {
      stdout.println("the handshake line");
      stdout.print("more\r\n");
      stderr.println("EXTRA=" + env.get("EXTRA") + ", PATH set: " + env.containsKey("PATH"));
      stderr.print("a last line without its newline");
      return 0;
    });

    assertThat(runner.awaitHandshakeLine(Duration.ofSeconds(10))).as("the first stdout line").isEqualTo("the handshake line");
    assertThat(runner.awaitExit(Duration.ofSeconds(10))).as("serve returned").isTrue();
    assertThat(runner.exitStatus()).as("exit status: what serve returned").hasValue(0);
    assertThat(output.lines()).as("what the host's output got").containsExactly(
        "p stdout: more", "p stderr: EXTRA=from the host, PATH set: true", "p stderr: a last line without its newline");
  }

  @Test
  @DisplayName("a serve that throws is a plugin that crashed: its stack trace on stderr, status 1, and the host is told")
  void crashIsReported() {
    launch((env, stdout, stderr) -> {
      throw new IllegalStateException("the config is broken");
    });

    assertThatExceptionOfType(PluginStartException.class)
        .isThrownBy(() -> runner.awaitHandshakeLine(Duration.ofSeconds(10)))
        .satisfies(e -> assertThat(e.problem()).as("problem").isEqualTo(PluginStartException.Problem.EXITED_BEFORE_HANDSHAKE))
        .withMessageContaining("plugin \"p\" exited with status 1 before printing its handshake line")
        .withMessageContaining("java.lang.IllegalStateException: the config is broken");
  }

  @Test
  @DisplayName("destroyForcibly interrupts serve, and the status is 137 as for SIGKILL, so a kill that had to force shows")
  void destroyedIs137() {
    CountDownLatch never = new CountDownLatch(1);
    launch((env, stdout, stderr) -> {
      stdout.println("the handshake line");
      try {
        never.await();
      } catch (InterruptedException e) {
        return 0; // what our serve does when interrupted: it stops serving and returns
      }
      return 0;
    });
    runner.awaitHandshakeLine(Duration.ofSeconds(10));

    runner.destroyForcibly();

    assertThat(runner.exitStatus()).as("status after destroyForcibly").hasValue(InJvmRunner.DESTROYED);
    assertThat(runner.handle().pid()).as("the process it runs in: this JVM").isEqualTo(ProcessHandle.current().pid());
    assertThat(runner.descendants()).as("processes of its own").isEmpty();
  }
}
