package io.gopluginjava.netrpc;

import static org.assertj.core.api.Assertions.assertThat;

import io.gopluginjava.gob.GobDecoder;
import io.gopluginjava.gob.GobEncoder;
import io.gopluginjava.gob.GobStruct;
import io.gopluginjava.gob.GobType;
import io.gopluginjava.testing.SocketPair;
import io.gopluginjava.yamux.ChannelStreams;
import java.io.OutputStream;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The server side of net/rpc, driven by hand the way Go's {@code rpc.Client} drives it: a {@code Request} header and
 * an argument in, a {@code Response} header and a reply (or an error and an empty body) out.
 */
@DisplayName("a net/rpc server dispatching requests")
class NetRpcDispatchTest {

  @Test
  @DisplayName("Plugin.Greet's reply comes back under the request's name and seq, with an empty Error")
  void callsTheNamedMethod() throws Exception {
    NetRpcServer server = new NetRpcServer(Map.of("Plugin.Greet", new NetRpcMethod(GobType.STRING, argument -> "Hej!")));
    try (SocketPair pair = new SocketPair()) {
      CompletableFuture<Void> serving = serve(server, pair);
      OutputStream out = ChannelStreams.output(pair.host());
      GobEncoder encoder = new GobEncoder(out);
      GobDecoder decoder = new GobDecoder(ChannelStreams.input(pair.host()));

      encoder.encode(RpcHeaders.REQUEST, Map.of("ServiceMethod", "Plugin.Greet", "Seq", 7L));
      encoder.encode(GobType.INTERFACE, null);
      out.flush();

      GobStruct response = (GobStruct) decoder.decode();
      assertThat(response.string("ServiceMethod")).as("the method named in the response").isEqualTo("Plugin.Greet");
      assertThat(response.number("Seq")).as("the response's seq: the request's").isEqualTo(7L);
      assertThat(response.string("Error")).as("the response's error").isEmpty();
      assertThat(decoder.decode()).as("the reply").isEqualTo("Hej!");
      pair.host().shutdownOutput();
      serving.get(10, TimeUnit.SECONDS);
    }
  }

  @Test
  @DisplayName("an unknown method is answered with Go's error and an empty body, and the next call on the stream works")
  void unknownMethodIsAnAnswer() throws Exception {
    NetRpcServer server = new NetRpcServer(Map.of("Plugin.Greet", new NetRpcMethod(GobType.STRING, argument -> "Hej!")));
    try (SocketPair pair = new SocketPair()) {
      CompletableFuture<Void> serving = serve(server, pair);
      OutputStream out = ChannelStreams.output(pair.host());
      GobEncoder encoder = new GobEncoder(out);
      GobDecoder decoder = new GobDecoder(ChannelStreams.input(pair.host()));

      encoder.encode(RpcHeaders.REQUEST, Map.of("ServiceMethod", "Plugin.Wave", "Seq", 0L));
      encoder.encode(GobType.INTERFACE, null);
      out.flush();
      GobStruct refused = (GobStruct) decoder.decode();
      assertThat(refused.string("Error")).as("the error for Plugin.Wave").isEqualTo("rpc: can't find method Plugin.Wave");
      assertThat(decoder.decode()).as("the body of an error answer: an empty struct")
          .isInstanceOf(GobStruct.class);

      encoder.encode(RpcHeaders.REQUEST, Map.of("ServiceMethod", "Plugin.Greet", "Seq", 1L));
      encoder.encode(GobType.INTERFACE, null);
      out.flush();
      assertThat(((GobStruct) decoder.decode()).number("Seq")).as("the seq of the call after the error").isEqualTo(1L);
      assertThat(decoder.decode()).as("the reply after the error").isEqualTo("Hej!");
      pair.host().shutdownOutput();
      serving.get(10, TimeUnit.SECONDS);
    }
  }

  private static CompletableFuture<Void> serve(NetRpcServer server, SocketPair pair) {
    return CompletableFuture.runAsync(() -> {
      try {
        server.serve(ChannelStreams.input(pair.plugin()), ChannelStreams.output(pair.plugin()));
      } catch (Exception e) {
        throw new RuntimeException(e);
      }
    });
  }
}
