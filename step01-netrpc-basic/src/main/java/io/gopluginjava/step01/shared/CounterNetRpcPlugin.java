package io.gopluginjava.step01.shared;

import io.gopluginjava.gob.GobStruct;
import io.gopluginjava.gob.GobType;
import io.gopluginjava.netrpc.MuxBroker;
import io.gopluginjava.netrpc.NetRpcClient;
import io.gopluginjava.netrpc.NetRpcMethod;
import io.gopluginjava.netrpc.NetRpcPlugin;
import io.gopluginjava.netrpc.NetRpcServer;
import io.gopluginjava.yamux.Stream;
import java.io.IOException;
import java.util.Map;

/**
 * The Counter over go-plugin's netrpc wire, calling its host back through the {@link MuxBroker} as go-plugin's
 * netrpc plugins do: the host serves its {@link AddHelper} as {@code Plugin.Sum} on a broker id of its own
 * ({@code NextId}, {@code AcceptAndServe}) and passes the id in {@code Plugin.Put}'s argument; the plugin dials that id
 * and calls {@code Plugin.Sum} there. The same wire as the Go package {@code counter} in {@code src/main/go}.
 */
public final class CounterNetRpcPlugin implements NetRpcPlugin<Counter> {

  /** Go's {@code counter.PutArgs}: gob matches the fields by name. */
  static final GobType.StructOf PUT_ARGS = GobType.StructOf.of("PutArgs",
      new GobType.Field("AddServer", GobType.UINT),
      new GobType.Field("Key", GobType.STRING),
      new GobType.Field("Value", GobType.INT));
  /** Go's {@code counter.SumArgs}. */
  static final GobType.StructOf SUM_ARGS = GobType.StructOf.of("SumArgs",
      new GobType.Field("A", GobType.INT),
      new GobType.Field("B", GobType.INT));

  private final Counter impl;

  /** Host side: nothing to serve. */
  public CounterNetRpcPlugin() {
    this(null);
  }

  /** Plugin side: serves {@code impl}. */
  public CounterNetRpcPlugin(Counter impl) {
    this.impl = impl;
  }

  @Override
  public Map<String, NetRpcMethod> server(MuxBroker broker) {
    if (impl == null) {
      throw new IllegalStateException("this CounterNetRpcPlugin was made for a host: give it a Counter to serve");
    }
    return Map.of(
        "Put", new NetRpcMethod(GobType.INTERFACE, argument -> {
          GobStruct args = (GobStruct) argument;
          try (Stream stream = broker.dial(args.number("AddServer"))) {
            NetRpcClient host = new NetRpcClient(stream.input(), stream.output(), stream, "the host's AddHelper");
            impl.put(args.string("Key"), args.number("Value"), (a, b) -> ((Number) host.call("Plugin.Sum", SUM_ARGS,
                Map.of("A", a, "B", b))).longValue());
          }
          return null;
        }),
        "Get", new NetRpcMethod(GobType.INT, key -> impl.get((String) key)));
  }

  @Override
  public Counter client(MuxBroker broker, NetRpcClient rpc) {
    return new Counter() {
      @Override
      public void put(String key, long value, AddHelper helper) {
        long id = broker.nextId();
        Thread serving = new Thread(() -> serveHelper(broker, id, helper), "netrpc-add-helper-" + id);
        serving.setDaemon(true);
        serving.start();
        rpc.call("Plugin.Put", PUT_ARGS, Map.of("AddServer", id, "Key", key, "Value", value));
      }

      @Override
      public long get(String key) {
        return ((Number) rpc.call("Plugin.Get", GobType.STRING, key)).longValue();
      }
    };
  }

  /** go-plugin's {@code AcceptAndServe}: wait for the plugin to dial {@code id}, then serve the helper as "Plugin". */
  private static void serveHelper(MuxBroker broker, long id, AddHelper helper) {
    try (Stream stream = broker.accept(id)) {
      new NetRpcServer(Map.of("Plugin.Sum", new NetRpcMethod(GobType.INT, argument -> {
        GobStruct args = (GobStruct) argument;
        return helper.sum(args.number("A"), args.number("B"));
      }))).serve(stream.input(), stream.output());
    } catch (IOException e) {
      // The plugin never dialled (MuxBroker's 5 s), or hung up: the Put call itself reports what went wrong.
    }
  }

}
