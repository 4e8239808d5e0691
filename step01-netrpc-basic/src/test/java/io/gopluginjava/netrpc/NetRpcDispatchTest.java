package io.gopluginjava.netrpc;

import static org.assertj.core.api.Assertions.assertThat;

import io.gopluginjava.gob.GobDecoder;
import io.gopluginjava.gob.GobEncoder;
import io.gopluginjava.gob.GobStruct;
import io.gopluginjava.gob.GobType;
import io.gopluginjava.testing.NetRpcOnSocketPair;
import java.io.OutputStream;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The server side of net/rpc, driven by hand the way Go's {@code rpc.Client} drives it: a {@code Request} header and
 * an argument in, a {@code Response} header and a reply (or an error and an empty body) out.
 */
@DisplayName("a net/rpc server dispatching requests")
class NetRpcDispatchTest {

  private static final NetRpcServer GREETER =
      new NetRpcServer(Map.of("Plugin.Greet", new NetRpcMethod(GobType.STRING, argument -> "Hej!")));

  private static void request(GobEncoder encoder, OutputStream out, String method, long seq) throws Exception {
    encoder.encode(RpcHeaders.REQUEST, Map.of("ServiceMethod", method, "Seq", seq));
    encoder.encode(GobType.INTERFACE, null);
    out.flush();
  }

  @Test
  @DisplayName("Plugin.Greet's reply comes back under the request's name and seq, with an empty Error")
  void callsTheNamedMethod() throws Exception {
    try (NetRpcOnSocketPair pair = new NetRpcOnSocketPair(GREETER)) {
      OutputStream out = pair.hostOutput();
      GobEncoder encoder = new GobEncoder(out);
      GobDecoder decoder = new GobDecoder(pair.hostInput());

      request(encoder, out, "Plugin.Greet", 7);

      GobStruct response = (GobStruct) pair.read(decoder::decode);
      assertThat(response.string("ServiceMethod")).as("the method named in the response").isEqualTo("Plugin.Greet");
      assertThat(response.number("Seq")).as("the response's seq: the request's").isEqualTo(7L);
      assertThat(response.string("Error")).as("the response's error").isEmpty();
      assertThat(decoder.decode()).as("the reply").isEqualTo("Hej!");
    }
  }

  @Test
  @DisplayName("an unknown method is answered with Go's error and an empty body, and the next call on the stream works")
  void unknownMethodIsAnAnswer() throws Exception {
    try (NetRpcOnSocketPair pair = new NetRpcOnSocketPair(GREETER)) {
      OutputStream out = pair.hostOutput();
      GobEncoder encoder = new GobEncoder(out);
      GobDecoder decoder = new GobDecoder(pair.hostInput());

      request(encoder, out, "Plugin.Wave", 0);
      GobStruct refused = (GobStruct) pair.read(decoder::decode);
      assertThat(refused.string("Error")).as("the error for Plugin.Wave").isEqualTo("rpc: can't find method Plugin.Wave");
      assertThat(decoder.decode()).as("the body of an error answer: an empty struct").isInstanceOf(GobStruct.class);

      request(encoder, out, "Plugin.Greet", 1);
      assertThat(((GobStruct) decoder.decode()).number("Seq")).as("the seq of the call after the error").isEqualTo(1L);
      assertThat(decoder.decode()).as("the reply after the error").isEqualTo("Hej!");
    }
  }
}
