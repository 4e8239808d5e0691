package io.gopluginjava.step04;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The Python plugin's own unit tests (src/test/python), run with the venv the build made, as part of mvn test. */
@DisplayName("the Python plugin's unit tests")
class PythonUnitTest {

  @Test
  @DisplayName("pass under the pinned packages: handshake line, certificate field, negotiation, hclog, stdio chunks")
  void unittestDiscoverPasses() throws Exception {
    Process python = new ProcessBuilder(Language.PYTHON_EXE.toString(), "-m", "unittest", "discover", "-s",
        Path.of("src/test/python").toString()).redirectErrorStream(true).start();
    try {
      String output = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(python.waitFor(1, TimeUnit.MINUTES)).as("python -m unittest finished").isTrue();
      assertThat(python.exitValue()).as("python -m unittest's exit status; its output:%n%s", output).isZero();
    } finally {
      python.destroyForcibly();
    }
  }
}
