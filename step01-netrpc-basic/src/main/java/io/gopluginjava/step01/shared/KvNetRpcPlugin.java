package io.gopluginjava.step01.shared;

import io.gopluginjava.gob.GobInterface;
import io.gopluginjava.gob.GobType;
import io.gopluginjava.netrpc.MuxBroker;
import io.gopluginjava.netrpc.NetRpcClient;
import io.gopluginjava.netrpc.NetRpcMethod;
import io.gopluginjava.netrpc.NetRpcPlugin;
import java.util.Map;

/**
 * The KV over go-plugin's netrpc wire, in the shape of go-plugin's {@code examples/grpc/shared/rpc.go}:
 * {@code Plugin.Put} takes a {@code map[string]interface{}} with {@code "key"} (a string) and {@code "value"} (a
 * {@code []byte}) and answers a nil {@code interface{}}; {@code Plugin.Get} takes the key as a string and answers the
 * {@code []byte}.
 */
public final class KvNetRpcPlugin implements NetRpcPlugin<KV> {

  /** What a Go map of interface values holds, as Go names the types in an interface value (gob's registered names). */
  static final GobType PUT_ARGUMENT = new GobType.MapOf(GobType.STRING, GobType.INTERFACE);

  private final KV impl;

  /** Host side: nothing to serve. */
  public KvNetRpcPlugin() {
    this(null);
  }

  /** Plugin side: serves {@code impl}. */
  public KvNetRpcPlugin(KV impl) {
    this.impl = impl;
  }

  @Override
  public Map<String, NetRpcMethod> server(MuxBroker broker) {
    if (impl == null) {
      throw new IllegalStateException("this KvNetRpcPlugin was made for a host: give it a KV to serve");
    }
    return Map.of(
        "Put", new NetRpcMethod(GobType.INTERFACE, argument -> {
          Map<?, ?> args = (Map<?, ?>) argument;
          impl.put((String) field(args, "key", String.class), (byte[]) field(args, "value", byte[].class));
          return null;
        }),
        "Get", new NetRpcMethod(GobType.BYTES, key -> impl.get((String) key)));
  }

  /** One entry of Put's map, unwrapped from its interface value, or an error naming what was expected. */
  private static Object field(Map<?, ?> args, String name, Class<?> expected) {
    Object value = args.get(name) instanceof GobInterface boxed ? boxed.value() : args.get(name);
    if (!expected.isInstance(value)) {
      throw new IllegalArgumentException("Put expects map[string]interface{} with \"" + name + "\" a "
          + (expected == String.class ? "string" : "[]byte") + ", got " + args.get(name));
    }
    return value;
  }

  @Override
  public KV client(MuxBroker broker, NetRpcClient rpc) {
    return new KV() {
      @Override
      public void put(String key, byte[] value) {
        rpc.call("Plugin.Put", PUT_ARGUMENT, Map.of(
            "key", new GobInterface("string", GobType.STRING, key),
            "value", new GobInterface("[]uint8", GobType.BYTES, value)));
      }

      @Override
      public byte[] get(String key) {
        return (byte[]) rpc.call("Plugin.Get", GobType.STRING, key);
      }
    };
  }
}
