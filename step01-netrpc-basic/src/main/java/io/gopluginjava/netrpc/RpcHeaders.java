package io.gopluginjava.netrpc;

import io.gopluginjava.gob.GobType;
import io.gopluginjava.gob.GobType.Field;
import io.gopluginjava.gob.GobType.StructOf;

/**
 * Go's {@code net/rpc} headers as gob types: every call is a {@code Request} then the argument, every answer a
 * {@code Response} then the reply, or an empty struct when {@code Error} is set.
 */
public final class RpcHeaders {

  public static final StructOf REQUEST = StructOf.of("Request",
      new Field("ServiceMethod", GobType.STRING), new Field("Seq", GobType.UINT));
  public static final StructOf RESPONSE = StructOf.of("Response",
      new Field("ServiceMethod", GobType.STRING), new Field("Seq", GobType.UINT), new Field("Error", GobType.STRING));
  /** Go's {@code struct{}}: the reply of Control.Ping and Control.Quit, and the body of an error answer. */
  public static final StructOf EMPTY = StructOf.of("");

  private RpcHeaders() {
  }
}
