package io.gopluginjava.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.gopluginjava.core.JavaCommand;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The archive this step's tests start their Java plugins with, trained by {@link NetRpcPluginTraining} and
 * {@link GrpcPluginTraining} (registered in the test resources): made on the first plugin command, it is there, and
 * a JVM on the test class path maps gRPC's and Netty's classes from it. A training that ran a TODO piece, or broke,
 * would leave no archive and turn this red while every other test stays green, only slower.
 */
@DisplayName("the class-data archive of step02's test class path")
class GrpcPluginTrainingTest {

  /** Loads what every gRPC plugin loads first, and no class of the workbook's pieces. */
  public static final class ProbeMain {
    public static void main(String[] args) {
      System.out.println(io.grpc.Status.OK.getCode() + " " + io.netty.util.CharsetUtil.UTF_8);
    }
  }

  @Test
  @DisplayName("a test's plugin maps gRPC's and Netty's classes from it: -Xshare:on accepts it")
  void pluginsMapTheArchive(@TempDir Path dir) throws Exception {
    Path loads = dir.resolve("class-load.log");
    List<String> command = new ArrayList<>(JavaCommand.forMain(ProbeMain.class).stream()
        .map(option -> option.equals("-Xshare:auto") ? "-Xshare:on" : option).toList());
    assertThat(command).as("the plugin's command").anyMatch(option -> option.startsWith("-XX:SharedArchiveFile="
        + Path.of("target/dependency-archive").toAbsolutePath()));
    command.add(command.indexOf("-cp"), "-Xlog:class+load=info:file=" + loads);

    Process probe = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
    probe.getOutputStream().close();
    String output = new String(probe.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    assertThat(probe.waitFor(30, TimeUnit.SECONDS)).as("the probe exited").isTrue();

    assertThat(probe.exitValue()).as("the probe's exit status (output: %s)", output).isZero();
    assertThat(output).as("the probe's output").isEqualTo("OK UTF-8\n");
    assertThat(Files.readAllLines(loads)).as("where the JVM found each class")
        .anyMatch(line -> line.endsWith(" io.grpc.Status source: shared objects file"))
        .anyMatch(line -> line.endsWith(" io.netty.util.CharsetUtil source: shared objects file"));
  }
}
