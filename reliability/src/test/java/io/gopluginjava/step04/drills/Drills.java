package io.gopluginjava.step04.drills;

import io.gopluginjava.step04.Language;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * What the drills share. Most run Java and Go plugins only: the Python plugin is where step04's workbook pieces are,
 * and a drill should not turn red when a reader leaves a piece as a TODO (Python's own crash handling is covered by
 * its unit tests and the conformance suite); the drill of many plugins at once starts Python ones too.
 */
final class Drills {

  /** The JUnit tag of the drills; {@code ./workbook verify} leaves them out, since no piece changes what they run. */
  static final String TAG = "drill";

  static final List<Language> LANGUAGES = List.of(Language.JAVA, Language.GO);

  private Drills() {}

  /** Whether {@code caller} is blocked in a unary call, waiting for the plugin's answer. */
  static boolean isWaitingForAnAnswer(Thread caller) {
    return caller.getState() == Thread.State.WAITING && Arrays.stream(caller.getStackTrace())
        .anyMatch(frame -> frame.getMethodName().equals("blockingUnaryCall"));
  }

  static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
