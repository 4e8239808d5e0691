package io.gopluginjava.step02.host;

import static org.assertj.core.api.Assertions.assertThat;

import io.gopluginjava.core.ClientConfig;
import io.gopluginjava.core.JavaCommand;
import io.gopluginjava.core.PluginClient;
import io.gopluginjava.core.PluginOutput;
import io.gopluginjava.step02.plugin.KvPluginMain;
import io.gopluginjava.step02.shared.KV;
import io.gopluginjava.step02.shared.KvGrpcPlugin;
import io.gopluginjava.step02.shared.Plugins;
import io.gopluginjava.workbook.OutputShape;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sample outputs TUTORIAL.md and README.md show for step02 are recorded runs (src/test/resources/tutorial-outputs):
 * each test makes the run again and checks that the recording still has its shape. WorkbookTest checks the documents
 * against the recordings.
 */
@DisplayName("step02's sample outputs in the docs")
class TutorialOutputsTest {

  private static final Path OUTPUTS = Path.of("src/test/resources/tutorial-outputs");

  @TempDir Path workDir;

  @Test
  @DisplayName("the tour's step02 trace is what GreeterGrpcHost prints: the handshake with its certificate, ping, call, kill")
  void greeterGrpcTour() throws IOException, InterruptedException {
    Process host = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), GreeterGrpcHost.class.getName())
        .redirectError(ProcessBuilder.Redirect.DISCARD)
        .start();
    try {
      List<String> lines = new String(host.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList();
      assertThat(host.waitFor(60, TimeUnit.SECONDS)).as("the host exited").isTrue();
      assertThat(host.exitValue()).as("the host's exit status (its output: %s)", lines).isZero();

      assertThat(OutputShape.check(OUTPUTS.resolve("greeter-grpc-tour.txt"), lines))
          .as("greeter-grpc-tour.txt against this run").isEmpty();
    } finally {
      host.destroyForcibly().waitFor();
    }
  }

  @Test
  @DisplayName("kv get prints what kv put stored (mTLS, Unix socket) and the line the Java plugin adds")
  void kvGet() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream errors = new ByteArrayOutputStream();
    Map<String, String> env = Map.of("KV_PLUGIN", JavaCommand.shellLineIn(workDir, KvPluginMain.class));
    PrintStream err = new PrintStream(errors, true, StandardCharsets.UTF_8);

    assertThat(KvCommand.run(List.of("put", "hello", "world"), env, err, err))
        .as("kv put's exit status (stderr: %s)", errors).isZero();
    assertThat(KvCommand.run(List.of("get", "hello"), env, new PrintStream(out, true, StandardCharsets.UTF_8), err))
        .as("kv get's exit status (stderr: %s)", errors).isZero();

    assertThat(OutputShape.check(OUTPUTS.resolve("kv-get.txt"), out.toString(StandardCharsets.UTF_8).lines().toList()))
        .as("kv-get.txt against this run").isEmpty();
  }

  @Test
  @DisplayName("the hclog line shown is what the Java KV plugin writes on its stderr for a put")
  void hclogLine() {
    List<String> stderr = new CopyOnWriteArrayList<>();
    PluginOutput raw = new PluginOutput() {
      @Override
      public void stderr(String plugin, String line) {
        stderr.add(line);
      }

      @Override
      public void stdout(String plugin, String line) {}
    };
    try (PluginClient client = new PluginClient(ClientConfig.builder()
        .handshake(Plugins.HANDSHAKE)
        .plugin(Plugins.KV, new KvGrpcPlugin())
        .command(List.of("sh", "-c", JavaCommand.shellLineIn(workDir, KvPluginMain.class)))
        .output(raw)
        .build())) {
      client.dispense(Plugins.KV, KV.class).put("hello", "from the go host".getBytes(StandardCharsets.UTF_8));
      client.kill();
    }

    assertThat(OutputShape.check(OUTPUTS.resolve("kv-put-hclog.txt"),
        stderr.stream().filter(line -> line.contains("\"@message\":\"put\"")).toList()))
        .as("kv-put-hclog.txt against this run (all stderr: %s)", stderr).isEmpty();
  }
}
