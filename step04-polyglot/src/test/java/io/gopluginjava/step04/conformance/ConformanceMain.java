package io.gopluginjava.step04.conformance;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import io.gopluginjava.core.ShellLine;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * {@code ./conformance --contract kv [--no-auto-mtls] -- CMD ARGS...}: runs {@link ConformanceTest} against one
 * plugin command, prints each check as it ends (a failure with the plugin's stderr beside it), then a summary table,
 * also written to {@code summary.txt} in the directory of the system property {@value #REPORTS}. Exit status 0 when
 * no check failed, 1 when one did, 2 for a usage error.
 */
public final class ConformanceMain {

  /** Where the summary goes; never surefire's folder, which the workbook reads. */
  public static final String REPORTS = "conformance.reports";
  static final String USAGE = """
      usage: ./conformance --contract kv|counter [--no-auto-mtls] -- CMD [ARGS...]
        Checks the plugin that CMD ARGS start against what go-plugin v1.8.0 expects of a plugin of its KV
        (or bidirectional Counter) example: magic cookie BASIC_PLUGIN=hello, app protocol version 1, gRPC.
        CMD runs through sh -c in a fresh temporary directory; arguments naming existing files are made absolute.
        --no-auto-mtls  the plugin does not do AutoMTLS: its two mTLS checks are reported as skipped""";

  private enum Result { PASS, FAIL, SKIP }

  private record Row(Result result, String detail, String stderr) {}

  private ConformanceMain() {}

  public static void main(String[] args) throws IOException {
    Arguments arguments;
    try {
      arguments = Arguments.parse(List.of(args), Path.of("").toAbsolutePath());
    } catch (IllegalArgumentException e) {
      System.err.println("conformance: " + e.getMessage());
      System.err.println(USAGE);
      System.exit(2);
      return;
    }
    System.exit(run(arguments, System.out));
  }

  static int run(Arguments arguments, PrintStream out) throws IOException {
    out.printf("checking %s against go-plugin's %s contract%s%n%n", arguments.shellLine(),
        arguments.contract().name().toLowerCase(Locale.ROOT), arguments.autoMtls() ? "" : " (no AutoMTLS)");
    LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
        .selectors(selectClass(ConformanceTest.class))
        .configurationParameter(Target.COMMAND, arguments.shellLine())
        .configurationParameter(Contract.PROPERTY, arguments.contract().name())
        .configurationParameter(Target.AUTO_MTLS, String.valueOf(arguments.autoMtls()))
        .build();
    Map<Check, Row> rows = new EnumMap<>(Check.class);
    LauncherFactory.create().execute(request, new Progress(rows, out));

    String summary = summary(rows);
    out.println();
    out.print(summary);
    String reports = System.getProperty(REPORTS);
    if (reports != null) {
      Path dir = Files.createDirectories(Path.of(reports));
      Files.writeString(dir.resolve("summary.txt"), details(rows) + "\n" + summary, StandardCharsets.UTF_8);
      out.println("written to " + dir.resolve("summary.txt"));
    }
    return rows.values().stream().anyMatch(row -> row.result() == Result.FAIL) || rows.size() < Check.values().length
        ? 1 : 0;
  }

  /** Prints each check as it ends and keeps its row. */
  private static final class Progress implements TestExecutionListener {
    private final Map<Check, Row> rows;
    private final PrintStream out;
    private final Map<String, String> stderr = new HashMap<>();

    Progress(Map<Check, Row> rows, PrintStream out) {
      this.rows = rows;
      this.out = out;
    }

    @Override
    public void reportingEntryPublished(TestIdentifier test, ReportEntry entry) {
      entry.getKeyValuePairs().forEach((key, value) -> {
        if (key.equals(RecordingOutput.ENTRY)) {
          stderr.put(test.getUniqueId(), value);
        }
      });
    }

    @Override
    public void executionSkipped(TestIdentifier test, String reason) {
      check(test).ifPresent(check -> record(check, new Row(Result.SKIP, reason, "")));
    }

    @Override
    public void executionFinished(TestIdentifier test, TestExecutionResult result) {
      check(test).ifPresent(check -> {
        String detail = result.getThrowable().map(t -> String.valueOf(t.getMessage()).strip())
            .map(message -> message.replaceFirst("^Assumption failed: ", "")).orElse("");
        Result outcome = switch (result.getStatus()) {
          case SUCCESSFUL -> Result.PASS;
          case ABORTED -> Result.SKIP;
          case FAILED -> Result.FAIL;
        };
        record(check, new Row(outcome, detail, stderr.getOrDefault(test.getUniqueId(), "")));
      });
    }

    private void record(Check check, Row row) {
      rows.put(check, row);
      out.printf("%-4s  %s%n", row.result(), check.title());
      if (row.result() != Result.PASS) {
        out.println(indent(row.detail(), "      "));
      }
      if (row.result() == Result.FAIL && !row.stderr().isEmpty()) {
        out.println("      the plugin's stderr (last lines):");
        out.println(indent(row.stderr(), "      | "));
      }
    }

    /** The check of an invocation of a check's method: a test whose parent is the method's container. */
    private static Optional<Check> check(TestIdentifier test) {
      if (!test.isTest()) {
        return Optional.empty();
      }
      return Check.ofMethod(test.getLegacyReportingName().replaceAll("\\(.*$", ""));
    }
  }

  private static String details(Map<Check, Row> rows) {
    StringBuilder text = new StringBuilder();
    rows.forEach((check, row) -> {
      text.append(row.result()).append("  ").append(check.title()).append('\n');
      if (row.result() != Result.PASS) {
        text.append(indent(row.detail(), "      ")).append('\n');
      }
      if (row.result() == Result.FAIL && !row.stderr().isEmpty()) {
        text.append("      the plugin's stderr (last lines):\n").append(indent(row.stderr(), "      | ")).append('\n');
      }
    });
    return text.toString();
  }

  /** check | result | what go-plugin expects | what to fix (for a check that did not pass). */
  static String summary(Map<Check, Row> rows) {
    List<String[]> table = new ArrayList<>();
    table.add(new String[] {"check", "result", "what go-plugin expects", "what to fix"});
    for (Check check : Check.values()) {
      Row row = rows.get(check);
      String result = row == null ? "NOT RUN" : row.result().name();
      String fix = row != null && row.result() == Result.PASS ? "" : check.fix();
      table.add(new String[] {check.title(), result, check.expects(), fix});
    }
    int[] widths = {19, 7, 50, 50};
    StringBuilder text = new StringBuilder();
    for (String[] cells : table) {
      List<List<String>> wrapped = new ArrayList<>();
      int lines = 1;
      for (int i = 0; i < cells.length; i++) {
        wrapped.add(wrap(cells[i], widths[i]));
        lines = Math.max(lines, wrapped.get(i).size());
      }
      for (int line = 0; line < lines; line++) {
        StringBuilder row = new StringBuilder();
        for (int i = 0; i < cells.length; i++) {
          String cell = line < wrapped.get(i).size() ? wrapped.get(i).get(line) : "";
          row.append(String.format("%-" + widths[i] + "s", cell)).append(i < cells.length - 1 ? " | " : "");
        }
        text.append(row.toString().stripTrailing()).append('\n');
      }
      if (cells == table.get(0)) {
        text.append("-".repeat(widths[0] + widths[1] + widths[2] + widths[3] + 9)).append('\n');
      }
    }
    long failed = rows.values().stream().filter(row -> row.result() == Result.FAIL).count();
    long skipped = rows.values().stream().filter(row -> row.result() == Result.SKIP).count();
    text.append(String.format("%d of %d checks passed, %d failed, %d skipped%n",
        rows.values().stream().filter(row -> row.result() == Result.PASS).count(), Check.values().length, failed,
        skipped));
    return text.toString();
  }

  private static List<String> wrap(String text, int width) {
    List<String> lines = new ArrayList<>();
    StringBuilder line = new StringBuilder();
    for (String word : text.split(" ")) {
      if (line.length() > 0 && line.length() + 1 + word.length() > width) {
        lines.add(line.toString());
        line.setLength(0);
      }
      line.append(line.length() > 0 ? " " : "").append(word);
    }
    lines.add(line.toString());
    return lines;
  }

  private static String indent(String text, String prefix) {
    return prefix + text.replace("\n", "\n" + prefix);
  }

  /** The command line, parsed: the contract, whether the plugin does AutoMTLS, and the plugin's command. */
  record Arguments(Contract contract, boolean autoMtls, List<String> command, Path cwd) {

    static Arguments parse(List<String> args, Path cwd) {
      Contract contract = null;
      boolean autoMtls = true;
      int i = 0;
      for (; i < args.size() && !args.get(i).equals("--"); i++) {
        switch (args.get(i)) {
          case "--contract" -> {
            if (i + 1 == args.size()) {
              throw new IllegalArgumentException("--contract needs a value: kv or counter");
            }
            try {
              contract = Contract.named(args.get(++i));
            } catch (IllegalArgumentException e) {
              throw new IllegalArgumentException("--contract must be kv or counter, got " + args.get(i));
            }
          }
          case "--no-auto-mtls" -> autoMtls = false;
          case "-h", "--help" -> throw new IllegalArgumentException("how to use it:");
          default -> throw new IllegalArgumentException("unknown option " + args.get(i)
              + "; the plugin's command comes after --");
        }
      }
      if (contract == null) {
        throw new IllegalArgumentException("--contract kv or --contract counter is missing");
      }
      if (i >= args.size() - 1) {
        throw new IllegalArgumentException("the plugin's command is missing: put it after --, e.g. -- ./my-plugin");
      }
      List<String> command = args.subList(i + 1, args.size()).stream()
          .map(arg -> !arg.startsWith("/") && (Files.isRegularFile(cwd.resolve(arg))
              || arg.contains("/") && Files.exists(cwd.resolve(arg))) ? cwd.resolve(arg).normalize().toString() : arg)
          .toList();
      return new Arguments(contract, autoMtls, command, cwd);
    }

    /** What {@code sh -c} runs, each argument quoted. */
    String shellLine() {
      return ShellLine.of(command);
    }
  }
}
