package io.gopluginjava.step03;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.gopluginjava.core.ClientConfig;
import io.gopluginjava.core.PluginCallException;
import io.gopluginjava.core.PluginClient;
import io.gopluginjava.core.ServeConfig;
import io.gopluginjava.grpc.GrpcBroker;
import io.gopluginjava.grpc.GrpcPlugin;
import io.gopluginjava.step03.counter.proto.CounterGrpc;
import io.gopluginjava.step03.counter.proto.PutRequest;
import io.gopluginjava.step03.plugin.FileCounter;
import io.gopluginjava.step03.shared.AddHelperGrpcServer;
import io.gopluginjava.step03.shared.Counter;
import io.gopluginjava.step03.shared.CounterGrpcPlugin;
import io.gopluginjava.step03.shared.Plugins;
import io.gopluginjava.testing.InJvmPlugin;
import io.grpc.BindableService;
import io.grpc.Channel;
import io.grpc.StatusRuntimeException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Java Counter plugin calling back into its host through the broker: the host's {@code PluginClient} and the
 * plugin's {@code GrpcPluginServer}, the same code a plugin process runs, connected in this JVM by the test harness
 * {@link InJvmPlugin}; the main connection and every brokered one are real Unix sockets, with AutoMTLS or without.
 * {@code CounterCommandTest} runs the plugin as a process.
 */
@DisplayName("the Counter plugin and its host")
class CounterPluginTest {

  @TempDir Path workDir;
  @TempDir Path socketDir;
  private PluginClient client;

  private PluginClient start(boolean mtls, GrpcPlugin<?> counter) {
    return start(mtls, false, counter);
  }

  private PluginClient start(boolean mtls, boolean multiplex, GrpcPlugin<?> counter) {
    client = new PluginClient(ClientConfig.builder()
        .multiplex(multiplex)
        .unixSocketDir(socketDir) // the plugin's socket, and the host's brokered ones when it has any
        .handshake(Plugins.HANDSHAKE)
        .plugin(Plugins.COUNTER, counter)
        .launcher(InJvmPlugin.serving(ServeConfig.of(Plugins.HANDSHAKE,
            Map.of(Plugins.COUNTER, new CounterGrpcPlugin(new FileCounter(workDir))))))
        .autoMtls(mtls)
        .build());
    return client;
  }

  @AfterEach
  void kill() {
    if (client != null) {
      client.kill();
    }
  }

  @ParameterizedTest(name = "AutoMTLS {0}")
  @ValueSource(booleans = {true, false})
  @DisplayName("put 5, put 3, get gives 8: each put adds through the host's AddHelper, called back by the plugin")
  void putPutGet(boolean mtls) throws Exception {
    Counter counter = start(mtls, new CounterGrpcPlugin()).dispense(Plugins.COUNTER, Counter.class);

    counter.put("a", 5, Math::addExact);
    counter.put("a", 3, Math::addExact);

    assertThat(counter.get("a")).as("get after put 5 and put 3").isEqualTo(8);
    assertThat(Files.readString(workDir.resolve("kv_a"), StandardCharsets.UTF_8)).as("the plugin's file, as Go's has it")
        .isEqualTo("{\"Value\":8}");
  }

  @ParameterizedTest(name = "AutoMTLS {0}")
  @ValueSource(booleans = {true, false})
  @DisplayName("multiplexed (PLUGIN_MULTIPLEX_GRPC): the plugin says |true, and every callback is a yamux stream of the"
      + " host's one connection, knocked for, no socket of its own")
  void multiplexedPutPutGet(boolean mtls) throws Exception {
    PluginClient started = start(mtls, true, new CounterGrpcPlugin());
    Counter counter = started.dispense(Plugins.COUNTER, Counter.class);

    counter.put("a", 5, Math::addExact);
    counter.put("a", 3, Math::addExact);

    assertThat(started.handshake().multiplex()).as("the plugin's handshake announces multiplexing").isTrue();
    assertThat(counter.get("a")).as("get after put 5 and put 3, multiplexed").isEqualTo(8);
    counter.put("b", 1, (a, b) -> {
      try (var dirs = Files.list(socketDir)) {
        return dirs.count(); // asked while the host serves this put's helper
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    });
    assertThat(counter.get("b")).as("socket directories while the host served a helper: the plugin's only")
        .isEqualTo(1);
  }

  @Test
  @DisplayName("the host's helper decides the sum: the plugin stores what the host answered")
  void hostDecides() {
    Counter counter = start(false, new CounterGrpcPlugin()).dispense(Plugins.COUNTER, Counter.class);

    counter.put("a", 2, (a, b) -> a * 100 + b * 10);

    assertThat(counter.get("a")).as("what the plugin stored after the host answered 0*100 + 2*10").isEqualTo(20);
  }

  @Test
  @DisplayName("a failure in the host's helper comes back to the host as the put's error, through the plugin")
  void helperFailureReachesHost() {
    Counter counter = start(false, new CounterGrpcPlugin()).dispense(Plugins.COUNTER, Counter.class);
    counter.put("big", Long.MAX_VALUE, Math::addExact);

    assertThatExceptionOfType(PluginCallException.class).isThrownBy(() -> counter.put("big", 1, Math::addExact))
        .satisfies(e -> assertThat(e.problem()).as("problem").isEqualTo(PluginCallException.Problem.PLUGIN_ERROR))
        .withCauseInstanceOf(StatusRuntimeException.class)
        .withMessageContaining("AddHelper.Sum on the host, broker id 2, failed")
        .withMessageContaining("long overflow");
  }

  /** A host-side Counter plugin that hands the test the broker and the raw stub. */
  private record Raw(GrpcBroker broker, CounterGrpc.CounterBlockingStub stub) {}

  @Test
  @DisplayName("a callback arriving after the host closed its helper fails with an error naming the broker id")
  void callbackAfterHelperClosed() {
    GrpcPlugin<Raw> raw = new GrpcPlugin<>() {
      @Override
      public BindableService server(GrpcBroker broker) {
        throw new UnsupportedOperationException("host side only");
      }

      @Override
      public Raw client(GrpcBroker broker, Channel channel) {
        return new Raw(broker, CounterGrpc.newBlockingStub(channel));
      }
    };
    Raw host = start(true, raw).dispense(Plugins.COUNTER, Raw.class);
    int id = host.broker().nextId();
    host.broker().acceptAndServe(id, new AddHelperGrpcServer(Math::addExact)).close();

    assertThatExceptionOfType(StatusRuntimeException.class)
        .isThrownBy(() -> host.stub().put(PutRequest.newBuilder().setAddServer(id).setKey("a").setValue(1).build()))
        .withMessageContaining("AddHelper.Sum on the host, broker id " + id + ", failed: UNAVAILABLE")
        .withMessageContaining("is the host still serving it?");
    assertThat(workDir.resolve("kv_a")).as("nothing stored by the failed put").doesNotExist();
  }
}
