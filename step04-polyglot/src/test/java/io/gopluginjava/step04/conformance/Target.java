package io.gopluginjava.step04.conformance;

import io.gopluginjava.core.PluginLauncher;
import io.gopluginjava.step04.Language;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.ArgumentsProvider;
import org.junit.jupiter.params.support.ParameterDeclarations;

/**
 * The plugin the conformance suite checks: the command in the configuration parameter (or system property)
 * {@value #COMMAND} with the contract in {@value Contract#PROPERTY} (and {@value #AUTO_MTLS}), run through
 * {@code sh -c} in a fresh directory;
 * without it, each of step04's own plugins. A Java plugin of ours also comes {@code inJvm}: the checks of the wire
 * then talk to the same server code served in this JVM by the test harness, while the checks of the process (cookie
 * refusal, handshake line, negotiation, exit after Shutdown) still start its process.
 */
public record Target(String name, Contract contract, Function<Path, String> shellLineIn,
    Optional<Function<Path, PluginLauncher>> inJvm, boolean autoMtls, Duration stdioObserved) {

  /** {@code ./conformance --contract kv -- /abs/path/my-plugin} (the repository's root) checks yours. */
  public static final String COMMAND = "plugin.cmd";
  /** {@code false} for a plugin that does not do AutoMTLS: its two mTLS checks are skipped, saying so. */
  public static final String AUTO_MTLS = "plugin.autoMtls";
  /**
   * How many milliseconds the GRPCStdio stream must stay open to count as served, {@value #DEFAULT_STDIO_OBSERVED_MILLIS}
   * unless set: a test that runs the suite many times over plugins whose stdio is not the point may watch less long.
   */
  public static final String STDIO_OBSERVED_MILLIS = "plugin.stdioObservedMillis";
  public static final long DEFAULT_STDIO_OBSERVED_MILLIS = 1000;

  @Override
  public String toString() {
    return name;
  }

  /** Supplies the targets to the suite's parameterized tests. */
  public static final class Provider implements ArgumentsProvider {
    @Override
    public Stream<? extends Arguments> provideArguments(ParameterDeclarations parameters, ExtensionContext context) {
      Optional<String> command = context.getConfigurationParameter(COMMAND).filter(c -> !c.isBlank());
      Contract contract = Contract.named(context.getConfigurationParameter(Contract.PROPERTY).orElse("kv"));
      boolean autoMtls = context.getConfigurationParameter(AUTO_MTLS, Boolean::parseBoolean).orElse(true);
      Duration stdioObserved = Duration.ofMillis(context.getConfigurationParameter(STDIO_OBSERVED_MILLIS, Long::parseLong)
          .orElse(DEFAULT_STDIO_OBSERVED_MILLIS));
      List<Target> targets = command
          .map(c -> List.of(new Target(c + " (" + contract + ")", contract, dir -> "cd '" + dir + "' && " + c,
              Optional.empty(), autoMtls, stdioObserved)))
          .orElseGet(() -> ours(stdioObserved));
      return targets.stream().map(Arguments::of);
    }

    private static List<Target> ours(Duration stdioObserved) {
      Stream<Target> kv = Stream.of(Language.values())
          .map(language -> new Target(language + " KV plugin", Contract.KV, language::kvPlugin,
              language == Language.JAVA ? Optional.of(Language::javaKvPluginInJvm) : Optional.empty(), true,
              stdioObserved));
      Stream<Target> counter = Stream.of(Language.JAVA, Language.GO)
          .map(language -> new Target(language + " Counter plugin", Contract.COUNTER, language::counterPlugin,
              language == Language.JAVA ? Optional.of(Language::javaCounterPluginInJvm) : Optional.empty(), true,
              stdioObserved));
      return Stream.concat(kv, counter).toList();
    }
  }
}
