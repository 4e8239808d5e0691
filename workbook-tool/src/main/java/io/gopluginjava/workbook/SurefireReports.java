package io.gopluginjava.workbook;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The outcome of the last test run of a step, from {@code target/surefire-reports}. A test is {@code Class#method}
 * (the simple class name; every invocation of a parameterized method counts as that method).
 *
 * @param failures the failure message and trace of each failed test
 * @param times when each test's report was written
 */
record SurefireReports(Map<String, String> failures, Map<String, Long> times) {

  /** The name of the suite in a report of JUnit's console launcher. */
  private static final String LAUNCHER_SUITE = "JUnit Jupiter";

  static SurefireReports read(Path stepDir) {
    return read(stepDir, false);
  }

  /** Only the reports Maven's Surefire wrote (one per class), none of the workbook's own runs. */
  static SurefireReports readMaven(Path stepDir) {
    return read(stepDir, true);
  }

  private static SurefireReports read(Path stepDir, boolean mavenOnly) {
    Map<String, String> failures = new LinkedHashMap<>();
    Map<String, Long> times = new LinkedHashMap<>();
    eachReport(stepDir, (xml, suite, testcases) -> {
      if (mavenOnly && LAUNCHER_SUITE.equals(suite.getAttribute("name"))) {
        return;
      }
      long written = FileText.lastModified(xml);
      // A later report's outcome of a test replaces an earlier report's; within one report, a test (all the
      // invocations of a parameterized method) failed when any of its invocations failed.
      Map<String, String> failed = new LinkedHashMap<>();
      for (Element testcase : testcases) {
        String fqcn = className(xml, suite, testcase);
        String test = fqcn.substring(fqcn.lastIndexOf('.') + 1) + "#"
            + testcase.getAttribute("name").replaceAll("[(\\[].*$", "");
        times.put(test, written);
        failures.remove(test);
        String failure = failure(testcase);
        if (failure != null) {
          failed.putIfAbsent(test, failure);
        }
      }
      failures.putAll(failed);
    });
    return new SurefireReports(failures, times);
  }

  /** What is done with one report: its file, its suite element and its test cases. */
  private interface ReportVisitor {
    void visit(Path xml, Element suite, List<Element> testcases);
  }

  /** Every report of the step's last runs, oldest first, parsed; none when there is no report folder. */
  private static void eachReport(Path stepDir, ReportVisitor visitor) {
    Path dir = stepDir.resolve("target/surefire-reports");
    if (!Files.isDirectory(dir)) {
      return;
    }
    try {
      for (Path xml : reportFiles(dir)) {
        Element suite = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(xml.toFile())
            .getDocumentElement();
        NodeList cases = suite.getElementsByTagName("testcase");
        List<Element> testcases = new ArrayList<>();
        for (int i = 0; i < cases.getLength(); i++) {
          testcases.add((Element) cases.item(i));
        }
        visitor.visit(xml, suite, testcases);
      }
    } catch (Exception e) {
      throw new WorkbookException("could not read " + dir + ": " + e.getMessage());
    }
  }

  private static List<Path> reportFiles(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      // Oldest first, so that a test's latest result wins: the workbook's runs and a reader's own mvn test write
      // reports of different names into the same folder.
      return files.filter(f -> f.getFileName().toString().matches("TEST-.*\\.xml"))
          .sorted(Comparator.comparingLong(FileText::lastModified).thenComparing(Comparator.naturalOrder())).toList();
    }
  }

  /**
   * The test's class. Surefire writes a file per class, named after it (its {@code classname} attributes hold display
   * names); JUnit's console launcher ({@link ClassPathTestRun}) one file for all, each test with its class's name.
   */
  private static String className(Path xml, Element suite, Element testcase) {
    return LAUNCHER_SUITE.equals(suite.getAttribute("name")) ? testcase.getAttribute("classname")
        : xml.getFileName().toString().replaceAll("^TEST-|\\.xml$", "");
  }

  /** How long each class's tests took in the console launcher's last run, in milliseconds. */
  static Map<String, Long> classMillis(Path stepDir) {
    Map<String, Long> millis = new TreeMap<>();
    eachReport(stepDir, (xml, suite, testcases) -> {
      if (LAUNCHER_SUITE.equals(suite.getAttribute("name"))) {
        for (Element testcase : testcases) {
          long ms = Math.round(Double.parseDouble(testcase.getAttribute("time")) * 1000);
          millis.merge(testcase.getAttribute("classname").replaceAll("\\$.*$", ""), ms, Long::sum);
        }
      }
    });
    return millis;
  }

  private static String failure(Element testcase) {
    for (String kind : List.of("failure", "error")) {
      NodeList nodes = testcase.getElementsByTagName(kind);
      if (nodes.getLength() > 0) {
        Element node = (Element) nodes.item(0);
        return node.getAttribute("message") + "\n" + node.getTextContent();
      }
    }
    return null;
  }

  /** When the oldest of these reports was written; {@code Long.MAX_VALUE} when there is none. */
  long oldest() {
    return times.values().stream().mapToLong(Long::longValue).min().orElse(Long.MAX_VALUE);
  }

  Set<String> all() {
    return new TreeSet<>(times.keySet());
  }

  boolean ran(String test) {
    return times.containsKey(test);
  }

  boolean passed(String test) {
    return ran(test) && !failures.containsKey(test);
  }

  String failure(String test) {
    return failures.getOrDefault(test, "");
  }

  /** The tests that manifest entries name: {@code Class} for all of a class, {@code Class#method} for one. */
  Set<String> expand(Collection<String> entries) {
    return expand(entries, all());
  }

  static Set<String> expand(Collection<String> entries, Collection<String> tests) {
    Set<String> expanded = new TreeSet<>();
    for (String entry : entries) {
      for (String test : tests) {
        if (names(entry, test)) {
          expanded.add(test);
        }
      }
    }
    return expanded;
  }

  static boolean names(String entry, String test) {
    return test.equals(entry) || test.startsWith(entry + "#");
  }
}
