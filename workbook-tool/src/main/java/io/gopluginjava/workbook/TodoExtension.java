package io.gopluginjava.workbook;

import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.LifecycleMethodExecutionExceptionHandler;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;

/**
 * Turns a test failure caused by an unwritten workbook piece into one clear line:
 * {@code TODO step01/<piece>: <title> — read TUTORIAL.md#<anchor>}.
 *
 * <p>The stub's exception may have been thrown in this JVM, or in a plugin process whose stderr or RPC error carried
 * the message into an exception or assertion here: the extension looks for the line in the whole failure. A failure
 * thrown inside a piece that is written is named after the piece too ({@link PieceLocator}).
 */
public final class TodoExtension implements TestExecutionExceptionHandler, LifecycleMethodExecutionExceptionHandler {

  private static final Pattern TODO_LINE = Pattern.compile("TODO step\\d\\d/[\\w-]+: .*? — read TUTORIAL\\.md#[\\w-]+");
  private static final Optional<PieceLocator> LOCATOR = PieceLocator.aroundWorkingDirectory();

  @Override
  public void handleTestExecutionException(ExtensionContext context, Throwable failure) throws Throwable {
    throw explain(failure);
  }

  @Override
  public void handleAfterEachMethodExecutionException(ExtensionContext context, Throwable failure) throws Throwable {
    throw explain(failure);
  }

  @Override
  public void handleBeforeEachMethodExecutionException(ExtensionContext context, Throwable failure)
      throws Throwable {
    throw explain(failure);
  }

  @Override
  public void handleBeforeAllMethodExecutionException(ExtensionContext context, Throwable failure) throws Throwable {
    throw explain(failure);
  }

  @Override
  public void handleAfterAllMethodExecutionException(ExtensionContext context, Throwable failure) throws Throwable {
    throw explain(failure);
  }

  /**
   * The failure itself when no piece is to blame, otherwise an AssertionError whose message names the piece: its
   * TODO line, or (for a piece that is written) where in it the failure was thrown. The message is what surefire
   * keeps when it trims the stack trace to the test's lines.
   */
  static Throwable explain(Throwable failure) {
    return todoLine(failure).or(() -> LOCATOR.flatMap(locator -> locator.explain(failure)))
        .<Throwable>map(line -> new AssertionError(line, failure)).orElse(failure);
  }

  /** The first TODO line found in the failure's messages, causes and suppressed exceptions. */
  public static Optional<String> todoLine(Throwable failure) {
    Set<Throwable> seen = new HashSet<>();
    return search(failure, seen);
  }

  private static Optional<String> search(Throwable failure, Set<Throwable> seen) {
    if (failure == null || !seen.add(failure)) {
      return Optional.empty();
    }
    if (failure.getMessage() != null) {
      Matcher matcher = TODO_LINE.matcher(failure.getMessage());
      if (matcher.find()) {
        return Optional.of(matcher.group());
      }
    }
    Optional<String> inCause = search(failure.getCause(), seen);
    if (inCause.isPresent()) {
      return inCause;
    }
    for (Throwable suppressed : failure.getSuppressed()) {
      Optional<String> found = search(suppressed, seen);
      if (found.isPresent()) {
        return found;
      }
    }
    return Optional.empty();
  }
}
