package io.gopluginjava.step04.drills;

import io.gopluginjava.step04.Language;
import java.util.List;

/**
 * What the drills share. They run Java and Go plugins: the Python plugin is where step04's workbook pieces are, and a
 * drill must not turn red when a reader leaves a piece as a TODO (Python's own crash handling is covered by its unit
 * tests and the conformance suite).
 */
final class Drills {

  /** The JUnit tag of the drills; {@code ./workbook verify} leaves them out, since no piece changes what they run. */
  static final String TAG = "drill";

  static final List<Language> LANGUAGES = List.of(Language.JAVA, Language.GO);

  private Drills() {}
}
