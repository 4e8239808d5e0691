package io.gopluginjava.step03.host;

import static org.assertj.core.api.Assertions.assertThat;

import io.gopluginjava.core.JavaCommand;
import io.gopluginjava.step03.plugin.CounterPluginMain;
import io.gopluginjava.workbook.OutputShape;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sample outputs TUTORIAL.md shows for step03 are recorded runs (src/test/resources/tutorial-outputs): each test
 * makes the run again and checks that the recording still has its shape. WorkbookTest checks the documents against
 * the recordings.
 */
@DisplayName("step03's sample outputs in the docs")
class TutorialOutputsTest {

  private static final Path OUTPUTS = Path.of("src/test/resources/tutorial-outputs");

  @TempDir Path workDir;

  @Test
  @DisplayName("an overflow in the host's AddHelper travels host → plugin → host: the counter command's error names"
      + " broker id 1, the first id of a new host process")
  void overflowThroughTheBroker() {
    Map<String, String> env = Map.of("COUNTER_PLUGIN", JavaCommand.shellLineIn(workDir, CounterPluginMain.class));
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    ByteArrayOutputStream firstErr = new ByteArrayOutputStream();
    PrintStream discard = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);

    assertThat(CounterCommand.run(List.of("put", "big", String.valueOf(Long.MAX_VALUE)), env, discard,
        new PrintStream(firstErr, true, StandardCharsets.UTF_8)))
        .as("the first put's exit status; it printed: %s", firstErr.toString(StandardCharsets.UTF_8)).isZero();
    assertThat(CounterCommand.run(List.of("put", "big", "1"), env, discard,
        new PrintStream(err, true, StandardCharsets.UTF_8))).as("the overflowing put's exit status").isEqualTo(1);

    assertThat(OutputShape.check(OUTPUTS.resolve("counter-overflow.txt"),
        err.toString(StandardCharsets.UTF_8).lines().limit(1).toList())) // the next line names the plugin command
        .as("counter-overflow.txt against this run").isEmpty();
  }
}
