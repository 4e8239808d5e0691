package io.gopluginjava.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Plugin commands travel as one {@code sh -c} line, like go-plugin's examples take {@code $KV_PLUGIN}. */
@DisplayName("ShellLine")
class ShellLineTest {

  @Test
  @DisplayName("a directory and words with spaces and quotes reach the command unchanged through sh -c")
  void quotesSurviveTheShell(@TempDir Path parent) throws Exception {
    Path dir = Files.createDirectory(parent.resolve("it's a dir"));
    String line = ShellLine.in(dir, List.of("sh", "-c", "printf '%s|%s' \"$(pwd)\" \"$0\"", "don't split me"));

    Process sh = new ProcessBuilder("sh", "-c", line).start();
    String printed = new String(sh.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

    assertThat(sh.waitFor(10, TimeUnit.SECONDS)).as("sh finished").isTrue();
    assertThat(printed).as("what the command printed: its working directory and its argument")
        .isEqualTo(dir.toRealPath() + "|don't split me");
  }
}
