package io.gopluginjava.netrpc;

import io.gopluginjava.gob.GobType;

/**
 * One method a {@link NetRpcServer} serves: what it does with the decoded argument, the gob type of its reply (what
 * the Go caller's reply pointer points to), and what to do once the reply is on its way.
 *
 * @param replyType e.g. {@link GobType#STRING} for a Go {@code *string} reply
 * @param handler turns the argument (a Java value as {@link GobType} lists them) into the reply
 * @param afterReply runs after the reply was written (Control.Quit ends the plugin only then)
 */
public record NetRpcMethod(GobType replyType, Handler handler, Runnable afterReply) {

  /** The body of a method; an exception's message becomes the error the Go caller sees. */
  @FunctionalInterface
  public interface Handler {
    Object call(Object argument) throws Exception;
  }

  public NetRpcMethod(GobType replyType, Handler handler) {
    this(replyType, handler, () -> { });
  }
}
