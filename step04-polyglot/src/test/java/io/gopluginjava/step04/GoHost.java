package io.gopluginjava.step04;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs one of step04's Go hosts ({@code kv}, {@code counter}), built on the real go-plugin, as a reader would. */
final class GoHost {

  /** What a run printed and how it ended. */
  record Run(int exitStatus, String stdout, String stderr) {
    @Override
    public String toString() {
      return "exit " + exitStatus + ", stdout: " + stdout + ", stderr: " + stderr;
    }
  }

  private GoHost() {}

  /** {@code name args...} in {@code dir} with {@code env} added; ended forcibly after a minute. */
  static Run run(Path dir, Map<String, String> env, String name, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(Language.GO_BIN.resolve(name).toString()));
    command.addAll(List.of(args));
    Path out = Files.createTempFile(dir, name, ".out");
    Path err = Files.createTempFile(dir, name, ".err");
    ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile())
        .redirectOutput(out.toFile()).redirectError(err.toFile());
    builder.environment().put("PLUGIN_LOG_LEVEL", "debug"); // go-plugin logs a plugin's raw stderr lines at debug
    builder.environment().putAll(env);
    Process process = builder.start();
    try {
      if (!process.waitFor(1, TimeUnit.MINUTES)) {
        throw new IllegalStateException(name + " " + String.join(" ", args) + " still running after a minute");
      }
      return new Run(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
          Files.readString(err, StandardCharsets.UTF_8));
    } finally {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }
}
