package io.gopluginjava.netrpc;

import io.gopluginjava.gob.GobDecoder;
import io.gopluginjava.gob.GobEncoder;
import io.gopluginjava.gob.GobException;
import io.gopluginjava.gob.GobStruct;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Map;

/**
 * Go's {@code net/rpc} server with the gob codec, on one stream: reads a {@code Request} and its argument, calls the
 * method named {@code "Service.Method"}, writes a {@code Response} and the reply. Calls are served one after another
 * (Go serves each in a goroutine); enough for go-plugin's control stream and a plugin's own calls.
 */
public final class NetRpcServer {

  private final Map<String, NetRpcMethod> methods;

  public NetRpcServer(Map<String, NetRpcMethod> methods) {
    this.methods = Map.copyOf(methods);
  }

  /** Serves until the caller closes the stream; a malformed message ends it with a {@link GobException}. */
  public void serve(InputStream in, OutputStream out) throws IOException {
    GobDecoder decoder = new GobDecoder(in);
    MessageBuffer message = new MessageBuffer(out);
    GobEncoder encoder = new GobEncoder(message);
    while (true) {
      Object header;
      try {
        header = decoder.decode();
      } catch (EOFException closed) {
        return;
      }
      if (!(header instanceof GobStruct request) || !request.type().equals(RpcHeaders.REQUEST)) {
        throw new GobException("expected a net/rpc Request header {ServiceMethod string; Seq uint64}, got " + header);
      }
      Object argument = decoder.decode();
      answer(request, argument, encoder, message);
    }
  }

  /**
   * Calls the method the request names and writes the answer: a {@code Response} with the request's name and seq,
   * then the reply, or an error and an empty body. A bad call is an answer too: the stream goes on.
   */
  private void answer(GobStruct request, Object argument, GobEncoder encoder, MessageBuffer message)
      throws IOException {
    // workbook:begin netrpc-server-dispatch
    String name = request.string("ServiceMethod");
    NetRpcMethod method = methods.get(name);
    Object reply = null;
    String error = "";
    if (method == null) {
      error = unknown(name);
    } else {
      try {
        reply = method.handler().call(argument);
      } catch (Exception e) {
        error = e.getMessage() == null ? e.toString() : e.getMessage();
      }
    }
    encoder.encode(RpcHeaders.RESPONSE, Map.of("ServiceMethod", name, "Seq", request.number("Seq"), "Error", error));
    if (error.isEmpty()) {
      encoder.encode(method.replyType(), reply);
      message.send();
      method.afterReply().run();
    } else {
      encoder.encode(RpcHeaders.EMPTY, Map.of());
      message.send();
    }
    // workbook:end
  }

  /** Go's own wording, so that a Go host reports it the same way for a Java plugin. */
  private String unknown(String name) {
    int dot = name.lastIndexOf('.');
    if (dot < 0) {
      return "rpc: service/method request ill-formed: " + name;
    }
    String service = name.substring(0, dot + 1);
    boolean serviceKnown = methods.keySet().stream().anyMatch(m -> m.startsWith(service));
    return serviceKnown ? "rpc: can't find method " + name : "rpc: can't find service " + name;
  }
}
