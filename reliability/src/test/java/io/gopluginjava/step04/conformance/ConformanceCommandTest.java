package io.gopluginjava.step04.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import io.gopluginjava.step02.plugin.KvPluginMain;
import io.gopluginjava.step04.Language;
import io.gopluginjava.step04.PluginClassPath;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./conformance}, the command a plugin author runs, as they run it: against our KV plugins in Python, Go and
 * Java, TUTORIAL's 10-line starts, and a flawed plugin. The script gets this JVM's class path, so it builds nothing here; CI runs it from a
 * fresh clone once too ({@code .ci/run}), which builds.
 */
@DisplayName("./conformance, the command that checks a plugin")
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class ConformanceCommandTest {

  private static final Path SCRIPT = Path.of("../conformance").toAbsolutePath().normalize();
  private static final Path FLAWED_PLUGIN = Path.of(System.getProperty("reliability.basedir", "."))
      .resolve("src/test/python/flawed_kv_plugin.py");

  @TempDir Path reports;

  private record Run(int status, String output) {}

  private Run conformance(String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of("bash", SCRIPT.toString()));
    command.addAll(List.of(args));
    Path output = reports.resolve("output.txt");
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
    builder.environment().put("CONFORMANCE_CLASSPATH", System.getProperty("java.class.path"));
    builder.environment().put("CONFORMANCE_REPORTS", reports.toString());
    Process process = builder.start();
    try {
      assertThat(process.waitFor(150, TimeUnit.SECONDS)).as("./conformance finished within 150 s").isTrue();
      return new Run(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
    } finally {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
    }
  }

  private void assertAllPass(Run run) {
    assertThat(run.output()).as("./conformance's output").contains("10 of 10 checks passed, 0 failed, 0 skipped");
    assertThat(run.status()).as("exit status; the output:%n%s", run.output()).isZero();
  }

  @Test
  @DisplayName("passes our Python KV plugin, given with paths relative to where the command runs")
  void pythonKvPlugin() throws Exception {
    assertAllPass(conformance("--contract", "kv", "--", "target/venv/bin/python", "src/main/python/kv_plugin.py"));
  }

  @Test
  @DisplayName("passes our Go KV plugin, built on go-plugin itself")
  void goKvPlugin() throws Exception {
    assertAllPass(conformance("--contract", "kv", "--", Language.GO_BIN.resolve("kv-plugin").toString()));
  }

  @Test
  @DisplayName("passes our Java KV plugin")
  void javaKvPlugin() throws Exception {
    List<String> args = new ArrayList<>(List.of("--contract", "kv", "--"));
    args.addAll(PluginClassPath.command(KvPluginMain.class)); // the tests' Java plugins, with their class-data archive
    assertAllPass(conformance(args.toArray(String[]::new)));
  }

  @Test
  @DisplayName("passes TUTORIAL's 10-line Python plugin on the goplugin package")
  void smallestPythonKvPlugin() throws Exception {
    assertAllPass(conformance("--contract", "kv", "--", "target/venv/bin/python",
        "src/main/python/smallest_kv_plugin.py"));
  }

  @Test
  @DisplayName("passes TUTORIAL's 10-line Go plugin on go-plugin")
  void smallestGoKvPlugin() throws Exception {
    assertAllPass(conformance("--contract", "kv", "--", Language.GO_BIN.resolve("smallest-kv-plugin").toString()));
  }

  @Test
  @DisplayName("with --no-auto-mtls skips the mTLS checks saying why, and shows a failed check with the plugin's stderr")
  void flawedPluginWithoutMtls() throws Exception {
    Run run = conformance("--contract", "kv", "--no-auto-mtls", "--", "target/venv/bin/python",
        FLAWED_PLUGIN.toString(), "leaves-socket");

    assertThat(run.status()).as("exit status when a check failed; the output:%n%s", run.output()).isEqualTo(1);
    assertThat(run.output()).as("./conformance's output")
        .containsPattern("FAIL  no socket left\\n.*left in PLUGIN_UNIX_SOCKET_DIR")
        .containsPattern("the plugin's stderr \\(last lines\\):\\n      \\| \\{\"@level\":\"debug\",\"@message\":\"plugin address\"")
        .containsPattern("SKIP  AutoMTLS\\n      the plugin was declared without AutoMTLS \\(--no-auto-mtls\\)")
        .containsPattern("no socket left +\\| FAIL +\\| nothing left in PLUGIN_UNIX_SOCKET_DIR.*\\| remove the Unix socket")
        .contains("7 of 10 checks passed, 1 failed, 2 skipped");
    assertThat(reports.resolve("summary.txt")).as("the summary, in the reports directory it was given")
        .content().contains("7 of 10 checks passed, 1 failed, 2 skipped");
  }

  @Test
  @DisplayName("says how to use it, with exit status 2, when the plugin's command is missing")
  void usage() throws Exception {
    Run run = conformance("--contract", "kv");

    assertThat(run.status()).as("exit status of a usage error").isEqualTo(2);
    assertThat(run.output()).as("./conformance's message").contains("the plugin's command is missing: put it after --")
        .contains("usage: ./conformance --contract kv|counter [--no-auto-mtls] -- CMD [ARGS...]");
  }
}
