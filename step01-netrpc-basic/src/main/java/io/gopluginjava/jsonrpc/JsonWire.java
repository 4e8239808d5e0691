package io.gopluginjava.jsonrpc;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;

/**
 * A stream of JSON objects over one socket, framed like Go's {@code encoding/json} Encoder: one object per line.
 * Reading accepts any whitespace between objects, as Go's Decoder does.
 */
public final class JsonWire implements Closeable {

  /** Go's jsonrpc writes {@code "error":null}: keep nulls so the bytes match. */
  static final Gson GSON = new GsonBuilder().serializeNulls().create();

  private final SocketChannel channel;
  private final JsonReader reader;
  private final WireTap tap;
  private final Object writeLock = new Object();

  public JsonWire(SocketChannel channel, WireTap tap) {
    this.channel = channel;
    this.tap = tap;
    this.reader = new JsonReader(new InputStreamReader(new ChannelInput(channel), StandardCharsets.UTF_8));
    this.reader.setStrictness(Strictness.LENIENT);
  }

  /** The next object, or null once the peer has closed the connection. */
  public JsonObject read() throws IOException {
    try {
      if (reader.peek() == JsonToken.END_DOCUMENT) {
        return null;
      }
    } catch (EOFException closedBeforeAnyMessage) {
      return null;
    }
    try {
      var element = JsonParser.parseReader(reader);
      if (!element.isJsonObject()) {
        throw new IOException("expected a JSON object, got " + element);
      }
      tap.onMessage(false, element.toString());
      return element.getAsJsonObject();
    } catch (JsonParseException e) {
      throw new IOException("the peer sent something that is not JSON: " + e.getMessage(), e);
    }
  }

  public void write(JsonObject message) throws IOException {
    String json = GSON.toJson(message);
    ByteBuffer bytes = ByteBuffer.wrap((json + "\n").getBytes(StandardCharsets.UTF_8));
    synchronized (writeLock) {
      tap.onMessage(true, json);
      while (bytes.hasRemaining()) {
        channel.write(bytes);
      }
    }
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }

  /**
   * Reads straight from the channel. {@code Channels.newInputStream} would lock the channel for the whole blocking
   * read, and so stop another thread from writing on it meanwhile.
   */
  private static final class ChannelInput extends InputStream {
    private final SocketChannel channel;

    ChannelInput(SocketChannel channel) {
      this.channel = channel;
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      return channel.read(ByteBuffer.wrap(buffer, offset, length));
    }
  }
}
