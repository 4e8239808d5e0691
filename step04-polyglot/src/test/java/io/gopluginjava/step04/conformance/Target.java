package io.gopluginjava.step04.conformance;

import io.gopluginjava.step04.Language;
import java.nio.file.Path;
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
 * {@value #COMMAND}, run through {@code sh -c} in a fresh directory, or, without it, each of step04's own KV plugins.
 */
public record Target(String name, Function<Path, String> shellLineIn) {

  /** {@code mvn test -pl step04-polyglot -Dplugin.cmd="python3 my_plugin.py"} checks your plugin. */
  public static final String COMMAND = "plugin.cmd";

  @Override
  public String toString() {
    return name;
  }

  /** Supplies the targets to the suite's parameterized tests. */
  public static final class Provider implements ArgumentsProvider {
    @Override
    public Stream<? extends Arguments> provideArguments(ParameterDeclarations parameters, ExtensionContext context) {
      Optional<String> command = context.getConfigurationParameter(COMMAND).filter(c -> !c.isBlank());
      List<Target> targets = command.map(c -> List.of(new Target(c, dir -> "cd '" + dir + "' && " + c)))
          .orElseGet(() -> Stream.of(Language.values())
              .map(language -> new Target(language + " KV plugin", language::kvPlugin)).toList());
      return targets.stream().map(Arguments::of);
    }
  }
}
