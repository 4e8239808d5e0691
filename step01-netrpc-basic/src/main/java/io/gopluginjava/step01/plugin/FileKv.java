package io.gopluginjava.step01.plugin;

import io.gopluginjava.step01.shared.KV;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The KV of go-plugin's example plugins: key {@code k} lives in file {@code kv_k} of the working directory, its value
 * followed by {@code "\n\nWritten from plugin-java-netrpc"}, so you can see which plugin wrote it.
 */
public final class FileKv implements KV {

  static final String SIGNATURE = "\n\nWritten from plugin-java-netrpc";
  private static final Logger log = LoggerFactory.getLogger(FileKv.class);

  private final Path directory;

  public FileKv(Path directory) {
    this.directory = directory;
  }

  @Override
  public void put(String key, byte[] value) {
    log.info("put {} ({} bytes)", key, value.length);
    byte[] signature = SIGNATURE.getBytes(StandardCharsets.UTF_8);
    byte[] content = new byte[value.length + signature.length];
    System.arraycopy(value, 0, content, 0, value.length);
    System.arraycopy(signature, 0, content, value.length, signature.length);
    try {
      Files.write(file(key), content);
    } catch (IOException e) {
      throw new UncheckedIOException("could not write " + file(key), e);
    }
  }

  @Override
  public byte[] get(String key) {
    log.info("get {}", key);
    try {
      return Files.readAllBytes(file(key));
    } catch (NoSuchFileException e) {
      throw new IllegalArgumentException("no value for key \"" + key + "\" (no file " + file(key) + ")");
    } catch (IOException e) {
      throw new UncheckedIOException("could not read " + file(key), e);
    }
  }

  private Path file(String key) {
    return directory.resolve("kv_" + key);
  }
}
