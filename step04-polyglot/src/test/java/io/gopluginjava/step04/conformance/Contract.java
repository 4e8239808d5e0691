package io.gopluginjava.step04.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.gopluginjava.core.ClientConfig;
import io.gopluginjava.core.PluginCallException;
import io.gopluginjava.core.PluginClient;
import io.gopluginjava.step02.shared.KV;
import io.gopluginjava.step02.shared.KvGrpcPlugin;
import io.gopluginjava.step03.shared.Counter;
import io.gopluginjava.step03.shared.CounterGrpcPlugin;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The two contracts a plugin can be checked against: go-plugin's KV example ({@code proto.KV}) and its bidirectional
 * Counter ({@code proto.Counter}, calling the host's {@code proto.AddHelper} back through the broker). Both use the
 * handshake BASIC_PLUGIN=hello, app version 1.
 */
public enum Contract {

  KV {
    @Override
    ClientConfig.Builder configure(ClientConfig.Builder host) {
      return host.plugin(io.gopluginjava.step02.shared.Plugins.KV, new KvGrpcPlugin());
    }

    @Override
    void exercise(PluginClient client) {
      io.gopluginjava.step02.shared.KV kv =
          client.dispense(io.gopluginjava.step02.shared.Plugins.KV, io.gopluginjava.step02.shared.KV.class);
      kv.put("k", "first".getBytes(StandardCharsets.UTF_8));
      kv.put("k", "second".getBytes(StandardCharsets.UTF_8));

      assertThat(new String(kv.get("k"), StandardCharsets.UTF_8))
          .as("proto.KV/Get after two Puts of key k (a suffix such as \"Written from plugin-go\" is allowed)")
          .startsWith("second").doesNotContain("first");
      assertThatExceptionOfType(PluginCallException.class).as("proto.KV/Get of a key never put is an error")
          .isThrownBy(() -> kv.get("never-put"));
    }
  },

  COUNTER {
    @Override
    ClientConfig.Builder configure(ClientConfig.Builder host) {
      return host.plugin(io.gopluginjava.step03.shared.Plugins.COUNTER, new CounterGrpcPlugin());
    }

    @Override
    void exercise(PluginClient client) {
      Counter counter = client.dispense(io.gopluginjava.step03.shared.Plugins.COUNTER, Counter.class);
      counter.put("c", 5, Math::addExact);
      counter.put("c", 3, (a, b) -> a + b + 100);

      assertThat(counter.get("c")).as("proto.Counter/Get after Put 5 and Put 3, whose sums the host's AddHelper does"
          + " (it adds 100 to the second): the plugin must dial add_server through the broker and store the answer")
          .isEqualTo(108);
      assertThatExceptionOfType(PluginCallException.class).as("proto.Counter/Get of a key never put is an error")
          .isThrownBy(() -> counter.get("never-put"));
    }
  };

  /** {@code mvn test -pl step04-polyglot -Dplugin.cmd=... -Dplugin.contract=counter}; kv by default. */
  public static final String PROPERTY = "plugin.contract";

  /** The host's side of the contract: its plugin map (and broker). */
  abstract ClientConfig.Builder configure(ClientConfig.Builder host);

  /** Calls the plugin as go-plugin's example host does and checks what it answers. */
  abstract void exercise(PluginClient client);

  static Contract named(String name) {
    try {
      return valueOf(name.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(PROPERTY + " must be kv or counter, got " + name, e);
    }
  }
}
