package io.gopluginjava.bench;

import io.gopluginjava.core.JavaCommand;
import java.util.Locale;

/**
 * Prints, one word a line, the command {@link JavaCommand} gives a Java plugin on a class path: the default path a
 * host takes, archive included, so that bench/run times exactly that. The lifetime is {@code short} (a one-shot
 * command's plugin, the default) or {@code long} (a plugin that serves many calls).
 *
 * <pre>java -cp bench.jar:... io.gopluginjava.bench.PluginCommandMain CLASS-PATH MAIN-CLASS [short|long]</pre>
 */
public final class PluginCommandMain {

  private PluginCommandMain() {}

  public static void main(String[] args) {
    if (args.length < 2 || args.length > 3 || (args.length == 3 && !args[2].matches("short|long"))) {
      System.err.println("usage: PluginCommandMain CLASS-PATH MAIN-CLASS [short|long]");
      System.exit(2);
    }
    JavaCommand.Lifetime lifetime = args.length == 3
        ? JavaCommand.Lifetime.valueOf(args[2].toUpperCase(Locale.ROOT)) : JavaCommand.Lifetime.SHORT;
    JavaCommand.of(args[0], args[1], lifetime).forEach(System.out::println);
  }
}
