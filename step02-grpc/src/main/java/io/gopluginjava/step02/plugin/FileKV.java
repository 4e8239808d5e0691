package io.gopluginjava.step02.plugin;

import io.gopluginjava.grpc.Hclog;
import io.gopluginjava.step02.shared.KV;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The KV of go-plugin's example plugins: key {@code k} lives in file {@code kv_k} of the working directory, its value
 * followed by {@code "\n\nWritten from plugin-java"}, so you can see which plugin wrote it.
 */
public final class FileKV implements KV {

  static final String SIGNATURE = "\n\nWritten from plugin-java";
  private static final Hclog log = Hclog.named("kv");

  private final Path directory;

  public FileKV(Path directory) {
    this.directory = directory;
  }

  @Override
  public void put(String key, byte[] value) {
    log.info("put", "key", key, "bytes", value.length);
    byte[] signature = SIGNATURE.getBytes(java.nio.charset.StandardCharsets.UTF_8);
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
    log.info("get", "key", key);
    try {
      return Files.readAllBytes(file(key));
    } catch (java.nio.file.NoSuchFileException e) {
      throw new IllegalArgumentException("no value for key \"" + key + "\" (no file " + file(key) + ")");
    } catch (IOException e) {
      throw new UncheckedIOException("could not read " + file(key), e);
    }
  }

  private Path file(String key) {
    return directory.resolve("kv_" + key);
  }
}
