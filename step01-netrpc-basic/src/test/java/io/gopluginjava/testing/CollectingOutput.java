package io.gopluginjava.testing;

import io.gopluginjava.core.PluginOutput;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Keeps every line a plugin writes, as {@code "<plugin> stderr: <line>"}, for assertions. */
public final class CollectingOutput implements PluginOutput {

  private final List<String> lines = new CopyOnWriteArrayList<>();

  @Override
  public void stderr(String plugin, String line) {
    lines.add(plugin + " stderr: " + line);
  }

  @Override
  public void stdout(String plugin, String line) {
    lines.add(plugin + " stdout: " + line);
  }

  public List<String> lines() {
    return List.copyOf(lines);
  }
}
