package io.gopluginjava.netrpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.gopluginjava.gob.GobType;
import io.gopluginjava.testing.NetRpcOnSocketPair;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** net/rpc with gob between the Java client and the Java server on a Unix socket, errors worded as Go words them. */
@DisplayName("net/rpc over gob, Java to Java")
class NetRpcServerTest {

  @Test
  @DisplayName("a call returns the reply; an unknown method, an unknown service and a failing method return Go's errors")
  void callsAndErrors() throws Exception {
    NetRpcServer server = new NetRpcServer(Map.of(
        "Plugin.Add", new NetRpcMethod(GobType.INT, argument -> (Long) argument + 1),
        "Plugin.Fail", new NetRpcMethod(GobType.INT, argument -> {
          throw new IllegalStateException("no can do");
        })));
    try (NetRpcOnSocketPair pair = new NetRpcOnSocketPair(server)) {
      NetRpcClient client = pair.client("the test server");
      assertThat(pair.read(() -> client.call("Plugin.Add", GobType.INT, 41L))).as("Plugin.Add(41)").isEqualTo(42L);
      assertThatExceptionOfType(NetRpcException.class).isThrownBy(() -> client.call("Plugin.Nope", GobType.INT, 1L))
          .withMessageEndingWith("with an error: rpc: can't find method Plugin.Nope");
      assertThatExceptionOfType(NetRpcException.class).isThrownBy(() -> client.call("Other.Add", GobType.INT, 1L))
          .withMessageEndingWith("with an error: rpc: can't find service Other.Add");
      assertThatExceptionOfType(NetRpcException.class).isThrownBy(() -> client.call("Plugin.Fail", GobType.INT, 1L))
          .withMessageEndingWith("with an error: no can do");
      assertThat(client.call("Plugin.Add", GobType.INT, 1L)).as("a call after the errors").isEqualTo(2L);
    }
  }
}
