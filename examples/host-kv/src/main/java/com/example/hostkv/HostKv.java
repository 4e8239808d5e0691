package com.example.hostkv;

// tag::host-kv-imports[]
import com.example.hostkv.proto.GetRequest; // generated from the plugin's kv.proto
import com.example.hostkv.proto.KVGrpc;
import com.example.hostkv.proto.PutRequest;
import com.google.protobuf.ByteString;
import io.gopluginjava.core.ClientConfig;
import io.gopluginjava.core.HandshakeConfig;
import io.gopluginjava.core.PluginClient;
import io.gopluginjava.grpc.GrpcPlugin;
import java.util.List;
// end::host-kv-imports[]
import io.gopluginjava.core.PluginException;
import io.grpc.StatusRuntimeException;

/**
 * A host of go-plugin's KV example plugin, written with nothing but the runtime artifact and the plugin's .proto:
 * {@code HostKv PLUGIN KEY VALUE} starts the plugin binary, puts VALUE under KEY, gets it back and prints it. Exits
 * 1 when the plugin cannot be run or fails, or when the value that comes back does not start with the one put
 * (go-plugin's KV plugins append a signature).
 */
public final class HostKv {

  public static void main(String[] args) {
    if (args.length != 3) {
      System.err.println("usage: HostKv PLUGIN KEY VALUE   (PLUGIN: the path of a go-plugin KV plugin binary)");
      System.exit(2);
    }
    String got;
    try {
      got = putAndGet(args[0], args[1], args[2]);
    } catch (PluginException e) {
      System.err.println("Error: " + e.getMessage() + "\nBuild step04's Go KV plugin (from the repository's root:"
          + " step04-polyglot/src/main/go/build.sh step04-polyglot/target/go-bin),"
          + " or run another with -Dkv.plugin=PATH.");
      System.exit(1);
      return;
    } catch (StatusRuntimeException e) {
      System.err.println("Error: the plugin " + args[0] + " failed the call: " + e.getStatus());
      System.exit(1);
      return;
    }
    if (!got.startsWith(args[2])) {
      System.err.println("the plugin gave back \"" + got + "\" for " + args[1] + ", not the \"" + args[2] + "\" put");
      System.exit(1);
    }
  }

  /** Puts {@code value} under {@code key} in the plugin {@code plugin} runs, gets it back, prints and returns it. */
  static String putAndGet(String plugin, String key, String value) {
    // tag::host-kv[]
    ClientConfig config = ClientConfig.builder()
        .handshake(new HandshakeConfig(1, "BASIC_PLUGIN", "hello")) // the plugin's, from its source or docs
        .plugin("kv", GrpcPlugin.forHost((broker, channel) -> KVGrpc.newBlockingStub(channel)))
        .command(List.of(plugin))
        .build();
    String got;
    try (PluginClient client = new PluginClient(config)) { // closing it stops the plugin
      KVGrpc.KVBlockingStub kv = client.dispense("kv", KVGrpc.KVBlockingStub.class);
      kv.put(PutRequest.newBuilder().setKey(key).setValue(ByteString.copyFromUtf8(value)).build());
      got = kv.get(GetRequest.newBuilder().setKey(key).build()).getValue().toStringUtf8();
    }
    System.out.println(key + " = " + got);
    // end::host-kv[]
    return got;
  }
}
