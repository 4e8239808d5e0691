package io.gopluginjava.workbook;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("the shape of a sample output")
class OutputShapeTest {

  private static final List<String> RECORDED = List.of(
      "launch     /usr/lib/jvm/java-17/bin/java -XX:TieredStopAtLevel=1 -Xshare:auto -cp /home/you/a.jar Main",
      "handshake  1|1|unix|/tmp/plugin698/plugin.sock|grpc|MIICMDCCAZKgAwIB...(752 chars)",
      "           host -> plugin {\"method\":\"Plugin.Greet\",\"params\":[null],\"id\":1}",
      "           [greeter stderr] [INFO] GreeterHello - message from GreeterHello.greet",
      "result     Hello!",
      "kill       plugin (pid 4242) exited with status 0 after 18 ms");

  @Test
  @DisplayName("paths, JVM options, certificates, pids and timings may differ from run to run")
  void machinePartsAreMasked() {
    List<String> fresh = List.of(
        "launch     /opt/jdk/bin/java -XX:TieredStopAtLevel=1 -cp /work/x/target/classes:/m2/b.jar Main",
        "handshake  1|1|unix|/tmp/plugin1234567/plugin.sock|grpc|MIICLzCCAZGgAwIB...(748 chars)",
        "           host -> plugin {\"method\":\"Plugin.Greet\",\"params\":[null],\"id\":1}",
        "result     Hello!",
        "           [greeter stderr] [INFO] GreeterHello - message from GreeterHello.greet",
        "kill       plugin (pid 77) exited with status 0 after 131 ms");

    assertThat(OutputShape.differences(RECORDED, fresh)).as("differences (the plugin's log line may move)").isEmpty();
  }

  @Test
  @DisplayName("a log entry's fields may come in any order, as a map prints them; their values are still compared")
  void logFieldsInAnyOrder() {
    String recorded = "           [greeter log, DEBUG] plugin address {transport=epoll, network=unix, address=/tmp/p1/s}";

    assertThat(OutputShape.masked("           [greeter log, DEBUG] plugin address {network=unix, address=/tmp/p2/s,"
        + " transport=kqueue}")).as("the fields reordered").isEqualTo(OutputShape.masked(recorded));
    assertThat(OutputShape.masked(recorded.replace("unix", "tcp"))).as("another network")
        .isNotEqualTo(OutputShape.masked(recorded));
  }

  @Test
  @DisplayName("what the reader is told (a status, a message, a protocol) may not differ")
  void contentIsCompared() {
    List<String> fresh = RECORDED.stream().map(l -> l.replace("status 0", "status 1").replace("Hello!", "Hi")).toList();

    assertThat(OutputShape.differences(RECORDED, fresh)).as("differences").singleElement().asString()
        .contains("kill       plugin (pid ‹n›) exited with status 1 after ‹n› ms").contains("result     Hi");
  }

  @Test
  @DisplayName("a missing or extra plugin log line is a difference, wherever it arrived")
  void pluginLinesAreCompared() {
    List<String> fresh = RECORDED.stream().filter(l -> !l.contains("[greeter stderr]")).toList();

    assertThat(OutputShape.differences(RECORDED, fresh)).as("differences").singleElement().asString()
        .contains("the plugin's output lines differ");
  }

  @Test
  @DisplayName("an excerpt of a run is some of its lines, in their order")
  void excerpts() {
    assertThat(OutputShape.isExcerptOf(List.of(RECORDED.get(2), RECORDED.get(4)), RECORDED)).as("in order").isTrue();
    assertThat(OutputShape.isExcerptOf(List.of(RECORDED.get(4), RECORDED.get(2)), RECORDED)).as("reversed").isFalse();
  }
}
