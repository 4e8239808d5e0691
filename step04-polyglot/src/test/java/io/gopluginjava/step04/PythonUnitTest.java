package io.gopluginjava.step04;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The Python plugin's own unit tests (src/test/python), run with the venv the build made, as part of mvn test: all of
 * them, and the ones of each workbook piece on their own, so that a piece's tests pass as soon as it is written.
 */
@DisplayName("the Python plugin's unit tests")
class PythonUnitTest {

  @Test
  @DisplayName("pass under the pinned packages: handshake line, certificate field, negotiation, hclog, stdio chunks")
  void unittestDiscoverPasses() throws Exception {
    assertPythonTestsPass();
  }

  @Test
  @DisplayName("the handshake line's: six fields, the certificate in the sixth, a seventh only about multiplexing")
  void handshakeLine() throws Exception {
    assertPythonTestsPass("HandshakeLineTest");
  }

  @Test
  @DisplayName("the KV servicer's: Put writes the value and the signature to kv_<key>, Get reads it back")
  void kvServicer() throws Exception {
    assertPythonTestsPass("KvServicerTest");
  }

  /** {@code python -m unittest discover}, of the test classes whose names contain {@code only}, if given. */
  private static void assertPythonTestsPass(String... only) throws Exception {
    List<String> command = new ArrayList<>(List.of(Language.PYTHON_EXE.toString(), "-m", "unittest", "discover",
        "-s", Path.of("src/test/python").toString()));
    for (String pattern : only) {
      command.addAll(List.of("-k", pattern));
    }
    Process python = new ProcessBuilder(command).redirectErrorStream(true).start();
    try {
      String output = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(python.waitFor(1, TimeUnit.MINUTES)).as("python -m unittest finished").isTrue();
      assertThat(python.exitValue()).as("python -m unittest's exit status; its output:%n%s", output).isZero();
      assertThat(output).as("python -m unittest's output: it ran tests").containsPattern("Ran [1-9]");
    } finally {
      python.destroyForcibly();
    }
  }
}
