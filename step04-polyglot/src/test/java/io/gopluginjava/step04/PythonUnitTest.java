package io.gopluginjava.step04;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.function.Executable;

/**
 * The Python plugin's own unit tests (src/test/python), run with the venv the build made, as part of mvn test, each
 * one a JUnit test of its own: all of them, and the ones of each workbook piece on their own, so that a piece's tests
 * pass as soon as it is written. {@code unittest_lines.py} prints one line per Python test.
 */
@DisplayName("the Python plugin's unit tests")
class PythonUnitTest {

  /** Less than JUnit's default timeout of a test (junit-platform.properties), so that this message is the one seen. */
  static final Duration TIMEOUT = Duration.ofSeconds(45);
  private static final String MARK = "@unittest@";

  @TestFactory
  @DisplayName("pass under the pinned packages: handshake line, certificate field, negotiation, hclog, stdio chunks")
  Stream<DynamicTest> unittestDiscoverPasses() {
    return pythonTests();
  }

  @TestFactory
  @DisplayName("the handshake line's: six fields, the certificate in the sixth, a seventh only about multiplexing")
  Stream<DynamicTest> handshakeLine() {
    return pythonTests("HandshakeLineTest");
  }

  @TestFactory
  @DisplayName("the KV servicer's: Put writes the value and the signature to kv_<key>, Get reads it back")
  Stream<DynamicTest> kvServicer() {
    return pythonTests("KvServicerTest");
  }

  @Test
  @DisplayName("a run that keeps its output open past the timeout is stopped there, with what it printed so far")
  void timeoutFires() {
    Run run = Run.of(List.of("sh", "-c", "echo started; exec sleep 60"), Duration.ofMillis(500));

    assertThat(run.timedOut()).as("the run was stopped at its timeout, not left to end by itself").isTrue();
    assertThat(run.output()).as("what it printed before").isEqualTo("started");
  }

  /** One dynamic test per Python test whose name contains one of {@code only} (all when none is given). */
  private static Stream<DynamicTest> pythonTests(String... only) {
    Run run = Run.of(only);
    List<DynamicTest> tests = new ArrayList<>();
    run.results().forEach((id, result) -> tests.add(DynamicTest.dynamicTest(id, result)));
    if (tests.isEmpty() || run.status() != 0 && run.results().values().stream().allMatch(Outcome::passed)) {
      tests.add(DynamicTest.dynamicTest("python unittest_lines.py " + String.join(" ", only), () -> {
        assertThat(run.timedOut()).as("python ran longer than %d s; its output:%n%s", TIMEOUT.toSeconds(),
            run.output()).isFalse();
        assertThat(run.results()).as("the Python tests that ran (exit status %d); the output:%n%s", run.status(),
            run.output()).isNotEmpty();
        assertThat(run.status()).as("python's exit status; its output:%n%s", run.output()).isZero();
      }));
    }
    return tests.stream();
  }

  /** One Python test's outcome; run as a JUnit test, it fails with the Python traceback. */
  record Outcome(String id, String outcome, String detail) implements Executable {
    boolean passed() {
      return outcome.equals("pass") || outcome.equals("skip");
    }

    @Override
    public void execute() {
      assertThat(outcome).as("the outcome of the Python test %s; its traceback:%n%s", id, detail).isIn("pass", "skip");
    }
  }

  /** A finished run of unittest_lines.py: the results by test id, its whole output, and how it ended. */
  record Run(Map<String, Outcome> results, String output, int status, boolean timedOut) {

    static Run of(String... only) {
      List<String> command = new ArrayList<>(List.of(Language.pythonExecutable().toString(),
          Path.of("src/test/python/unittest_lines.py").toString()));
      command.addAll(List.of(only));
      return of(command, TIMEOUT);
    }

    static Run of(List<String> command, Duration timeout) {
      Process python;
      try {
        python = new ProcessBuilder(command).redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.PIPE)
            .start();
      } catch (IOException e) {
        throw new UncheckedIOException("could not run " + command + " (make_venv.sh makes the venv at build time)", e);
      }
      try {
        python.getOutputStream().close();
        // Read on another thread: the timeout below must be able to fire while python still writes.
        CompletableFuture<List<String>> lines = CompletableFuture.supplyAsync(() -> readLines(python));
        boolean finished = python.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (!finished) {
          python.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
        List<String> output = lines.get(10, TimeUnit.SECONDS);
        Map<String, Outcome> results = new LinkedHashMap<>();
        for (String line : output) {
          if (line.startsWith(MARK)) {
            String[] fields = line.substring(MARK.length()).split("\t", 3);
            String detail = fields.length > 2 ? unescape(fields[2]) : "";
            results.putIfAbsent(fields[1], new Outcome(fields[1], fields[0], detail));
          }
        }
        return new Run(results, String.join("\n", output), finished ? python.exitValue() : -1, !finished);
      } catch (Exception e) {
        throw new IllegalStateException("running " + command + " failed: " + e, e);
      } finally {
        python.destroyForcibly();
      }
    }

    private static List<String> readLines(Process python) {
      try (BufferedReader reader = new BufferedReader(
          new InputStreamReader(python.getInputStream(), StandardCharsets.UTF_8))) {
        return reader.lines().toList();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    private static String unescape(String detail) {
      StringBuilder out = new StringBuilder(detail.length());
      for (int i = 0; i < detail.length(); i++) {
        char c = detail.charAt(i);
        if (c == '\\' && i + 1 < detail.length()) {
          char next = detail.charAt(++i);
          out.append(next == 'n' ? '\n' : next == 't' ? '\t' : next);
        } else {
          out.append(c);
        }
      }
      return out.toString();
    }
  }
}
