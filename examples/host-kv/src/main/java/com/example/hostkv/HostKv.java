package com.example.hostkv;

import com.example.hostkv.proto.GetRequest;
import com.example.hostkv.proto.KVGrpc;
import com.example.hostkv.proto.PutRequest;
import com.google.protobuf.ByteString;
import io.gopluginjava.core.HandshakeConfig;
import io.gopluginjava.grpc.GrpcClientConfig;
import io.gopluginjava.grpc.GrpcPluginClient;
import java.util.List;

/**
 * A host of go-plugin's KV example plugin, written with nothing but the runtime artifact and the plugin's .proto:
 * {@code HostKv PLUGIN KEY VALUE} starts the plugin binary, puts VALUE under KEY, gets it back and prints it. Exits 1
 * when the value that comes back does not start with the one put (go-plugin's KV plugins append a signature).
 */
public final class HostKv {

  public static void main(String[] args) {
    if (args.length != 3) {
      System.err.println("usage: HostKv PLUGIN KEY VALUE   (PLUGIN: the path of a go-plugin KV plugin binary)");
      System.exit(2);
    }
    String plugin = args[0];
    String key = args[1];
    String value = args[2];
    // tag::host-kv[]
    GrpcClientConfig config = GrpcClientConfig.builder()
        .handshake(new HandshakeConfig(1, "BASIC_PLUGIN", "hello")) // the plugin's, from its source or docs
        .plugin("kv", (broker, channel) -> KVGrpc.newBlockingStub(channel))
        .command(List.of(plugin))
        .build();
    String got;
    try (GrpcPluginClient client = new GrpcPluginClient(config)) { // closing it stops the plugin
      KVGrpc.KVBlockingStub kv = client.dispense("kv", KVGrpc.KVBlockingStub.class);
      kv.put(PutRequest.newBuilder().setKey(key).setValue(ByteString.copyFromUtf8(value)).build());
      got = kv.get(GetRequest.newBuilder().setKey(key).build()).getValue().toStringUtf8();
    }
    System.out.println(key + " = " + got);
    // end::host-kv[]
    if (!got.startsWith(value)) {
      System.err.println("the plugin gave back \"" + got + "\" for " + key + ", not the \"" + value + "\" put");
      System.exit(1);
    }
  }
}
