package io.gopluginjava.step03.plugin;

import com.google.gson.Gson;
import com.google.gson.JsonParseException;
import io.gopluginjava.step03.shared.AddHelper;
import io.gopluginjava.step03.shared.Counter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Counts kept in files, {@code kv_<key>} holding {@code {"Value":N}}, exactly as go-plugin's Go Counter plugin keeps
 * them. Files, not memory, because every {@code counter} command starts a new plugin process, and because then a Go
 * and a Java plugin share one store.
 */
public final class FileCounter implements Counter {

  private static final Gson GSON = new Gson();

  private final Path dir;

  public FileCounter(Path dir) {
    this.dir = dir;
  }

  /** The file's shape, field name as Go's encoding/json writes it. */
  private record Stored(long Value) {}

  @Override
  public void put(String key, long value, AddHelper helper) {
    long current = Files.exists(file(key)) ? get(key) : 0;
    write(key, helper.sum(current, value));
  }

  @Override
  public long get(String key) {
    String json;
    try {
      json = Files.readString(file(key), StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new IllegalArgumentException("no count for key \"" + key + "\": " + file(key) + " does not exist");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    try {
      Stored stored = GSON.fromJson(json, Stored.class);
      if (stored == null) {
        throw new JsonParseException("empty");
      }
      return stored.Value();
    } catch (JsonParseException e) {
      throw new IllegalStateException(file(key) + " holds " + json + ", expected {\"Value\":N}", e);
    }
  }

  private void write(String key, long value) {
    try {
      Files.writeString(file(key), GSON.toJson(new Stored(value)), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private Path file(String key) {
    return dir.resolve("kv_" + key);
  }
}
