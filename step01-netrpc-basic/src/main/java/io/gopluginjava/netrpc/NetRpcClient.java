package io.gopluginjava.netrpc;

import io.gopluginjava.gob.GobDecoder;
import io.gopluginjava.gob.GobEncoder;
import io.gopluginjava.gob.GobStruct;
import io.gopluginjava.gob.GobType;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Map;

/**
 * Go's {@code net/rpc} client with the gob codec, on one stream. One call at a time (Go's client pipelines them by
 * sequence number; the answers would be the same).
 */
public final class NetRpcClient implements Closeable {

  private final MessageBuffer message;
  private final GobEncoder encoder;
  private final GobDecoder decoder;
  private final Closeable stream;
  private final String peer;
  private long nextSeq;

  /** {@code peer} names the other side in error messages, e.g. {@code plugin "greeter"}. */
  public NetRpcClient(InputStream in, OutputStream out, Closeable stream, String peer) {
    this.message = new MessageBuffer(out);
    this.encoder = new GobEncoder(message);
    this.decoder = new GobDecoder(in);
    this.stream = stream;
    this.peer = peer;
  }

  /**
   * Calls {@code serviceMethod} (e.g. {@code "Plugin.Greet"}) with {@code argument} of gob type {@code argumentType}
   * and returns the reply as a Java value.
   *
   * @throws NetRpcException when the other side answers with an error, or the stream fails
   */
  public synchronized Object call(String serviceMethod, GobType argumentType, Object argument) {
    // workbook:begin netrpc-client-call
    long seq = nextSeq++;
    message.discard();
    try {
      encoder.encode(RpcHeaders.REQUEST, Map.of("ServiceMethod", serviceMethod, "Seq", seq));
      encoder.encode(argumentType, argument);
      message.send();
      Object header = decoder.decode();
      if (!(header instanceof GobStruct response) || !response.type().equals(RpcHeaders.RESPONSE)) {
        throw new NetRpcException(peer + " answered " + serviceMethod + " with " + header
            + " instead of a net/rpc Response header");
      }
      Object reply = decoder.decode();
      if (response.number("Seq") != seq) {
        throw new NetRpcException(peer + " answered call " + response.number("Seq") + " when call " + seq + " ("
            + serviceMethod + ") was the only one open");
      }
      if (!response.string("Error").isEmpty()) {
        throw new NetRpcException(peer + " answered " + serviceMethod + " with an error: " + response.string("Error"));
      }
      return reply;
    } catch (IOException e) {
      throw new NetRpcException("calling " + serviceMethod + " on " + peer + " failed: " + e.getMessage(), e);
    }
    // workbook:end
  }

  @Override
  public void close() throws IOException {
    stream.close();
  }
}
