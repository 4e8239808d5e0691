package io.gopluginjava.jsonrpc;

import com.google.gson.JsonElement;

/** Serves one RPC method: takes the call's single parameter, returns its result (both as JSON). */
@FunctionalInterface
public interface RpcHandler {
  JsonElement handle(JsonElement param) throws Exception;
}
