package io.gopluginjava.step04;

import io.gopluginjava.core.PluginLauncher;
import io.gopluginjava.core.ServeConfig;
import io.gopluginjava.core.ShellLine;
import io.gopluginjava.step02.plugin.FileKV;
import io.gopluginjava.step02.plugin.KvPluginMain;
import io.gopluginjava.step02.shared.KvGrpcPlugin;
import io.gopluginjava.step03.plugin.CounterPluginMain;
import io.gopluginjava.step03.plugin.FileCounter;
import io.gopluginjava.step03.shared.CounterGrpcPlugin;
import io.gopluginjava.testing.InJvmPlugin;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The languages of step04's plugins and hosts, and where the build put each one: Go programs in
 * {@code target/go-bin}, the Python plugin run by the venv in {@code target/venv} (paths relative to the module,
 * where surefire runs), the Java plugins on {@link PluginClassPath}.
 */
public enum Language {
  JAVA("Java"), PYTHON("Python"), GO("Go");

  public static final Path GO_BIN = Path.of("target/go-bin").toAbsolutePath();
  static final Path PYTHON_EXE = Path.of("target/venv/bin/python").toAbsolutePath();
  static final Path PYTHON_SOURCES = Path.of("src/main/python").toAbsolutePath();

  private final String title;

  /** The venv's Python, which has the plugin's packages. */
  public static Path pythonExecutable() {
    return PYTHON_EXE;
  }

  Language(String title) {
    this.title = title;
  }

  /** The {@code sh -c} line that runs this language's KV plugin in {@code dir}, as {@code $KV_PLUGIN} takes it. */
  public String kvPlugin(Path dir) {
    return switch (this) {
      case JAVA -> PluginClassPath.shellLineIn(dir, KvPluginMain.class);
      case PYTHON -> ShellLine.in(dir, List.of(PYTHON_EXE.toString(), PYTHON_SOURCES.resolve("kv_plugin.py").toString()));
      case GO -> ShellLine.in(dir, List.of(GO_BIN.resolve("kv-plugin").toString()));
    };
  }

  /** The {@code sh -c} line that runs this language's Counter plugin in {@code dir}; there is no Python one. */
  public String counterPlugin(Path dir) {
    return switch (this) {
      case JAVA -> PluginClassPath.shellLineIn(dir, CounterPluginMain.class);
      case GO -> ShellLine.in(dir, List.of(GO_BIN.resolve("counter-plugin").toString()));
      case PYTHON -> throw new IllegalArgumentException("step04 has no Python Counter plugin");
    };
  }

  /** The Java KV plugin of {@code KvPluginMain}, keeping its files in {@code dir}, served in this JVM by the test harness. */
  public static PluginLauncher javaKvPluginInJvm(Path dir) {
    return InJvmPlugin.serving(ServeConfig.of(io.gopluginjava.step02.shared.Plugins.HANDSHAKE,
        Map.of(io.gopluginjava.step02.shared.Plugins.KV, new KvGrpcPlugin(new FileKV(dir)))));
  }

  /** The Java Counter plugin of {@code CounterPluginMain}, keeping its files in {@code dir}, served in this JVM. */
  public static PluginLauncher javaCounterPluginInJvm(Path dir) {
    return InJvmPlugin.serving(ServeConfig.of(io.gopluginjava.step03.shared.Plugins.HANDSHAKE,
        Map.of(io.gopluginjava.step03.shared.Plugins.COUNTER, new CounterGrpcPlugin(new FileCounter(dir)))));
  }

  /** What this language's KV plugin appends to every value, as go-plugin's example plugins do. */
  public String kvSignature() {
    return "\n\nWritten from plugin-" + name().toLowerCase(java.util.Locale.ROOT);
  }

  @Override
  public String toString() {
    return title;
  }
}
