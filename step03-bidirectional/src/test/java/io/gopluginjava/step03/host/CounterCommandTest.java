package io.gopluginjava.step03.host;

import static org.assertj.core.api.Assertions.assertThat;

import io.gopluginjava.core.JavaCommand;
import io.gopluginjava.step03.plugin.CounterPluginMain;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code counter} command, as go-plugin's examples/bidirectional host is used: {@code COUNTER_PLUGIN=... counter}. */
@DisplayName("the counter command")
class CounterCommandTest {

  @TempDir Path workDir;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int counter(String... args) {
    return CounterCommand.run(List.of(args),
        Map.of("COUNTER_PLUGIN", JavaCommand.shellLineIn(workDir, CounterPluginMain.class)),
        new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  @Test
  @DisplayName("counter put a 5; counter put a 3; counter get a prints 8, each a new plugin process over mTLS")
  void putPutGet() {
    assertThat(counter("put", "a", "5")).as("first put's exit status (stderr: %s)", err).isZero();
    assertThat(counter("put", "a", "3")).as("second put's exit status (stderr: %s)", err).isZero();
    assertThat(counter("get", "a")).as("get's exit status (stderr: %s)", err).isZero();

    assertThat(out.toString(StandardCharsets.UTF_8)).as("what get printed").isEqualTo("8\n");
  }

  @Test
  @DisplayName("getting a key never put is a one-line error from the plugin, and exit status 1")
  void getMissingKey() {
    assertThat(counter("get", "nothing")).as("exit status").isEqualTo(1);
    assertThat(err.toString(StandardCharsets.UTF_8)).as("stderr")
        .startsWith("Error: the plugin failed: UNKNOWN java.lang.IllegalArgumentException: no count for key \"nothing\"");
  }

  @Test
  @DisplayName("a count that is not a whole number is refused before any plugin starts")
  void badNumber() {
    assertThat(counter("put", "a", "five")).as("exit status").isEqualTo(1);
    assertThat(err.toString(StandardCharsets.UTF_8)).as("stderr")
        .contains("N must be a whole number, given: five").contains("usage: counter put KEY N");
  }

  @Test
  @DisplayName("anything but put or get is refused with the usage")
  void badUsage() {
    assertThat(counter("add", "a", "1")).as("exit status").isEqualTo(1);
    assertThat(err.toString(StandardCharsets.UTF_8)).as("stderr")
        .contains("Please only use 'get' or 'put', given: [add, a, 1]").contains("usage: counter put KEY N");
  }
}
