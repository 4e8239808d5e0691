package io.gopluginjava.bench;

import io.gopluginjava.core.JavaCommand;

/**
 * Prints, one word a line, the command {@link JavaCommand} gives a Java plugin on a class path: the default path a
 * host takes, archive included, so that bench/run times exactly that.
 *
 * <pre>java -cp bench.jar:... io.gopluginjava.bench.PluginCommandMain CLASS-PATH MAIN-CLASS</pre>
 */
public final class PluginCommandMain {

  private PluginCommandMain() {}

  public static void main(String[] args) {
    if (args.length != 2) {
      System.err.println("usage: PluginCommandMain CLASS-PATH MAIN-CLASS");
      System.exit(2);
    }
    JavaCommand.of(args[0], args[1]).forEach(System.out::println);
  }
}
