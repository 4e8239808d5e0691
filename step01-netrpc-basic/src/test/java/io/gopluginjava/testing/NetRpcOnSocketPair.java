package io.gopluginjava.testing;

import io.gopluginjava.netrpc.NetRpcClient;
import io.gopluginjava.netrpc.NetRpcServer;
import io.gopluginjava.yamux.ChannelStreams;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A net/rpc server on the plugin end of a {@link SocketPair}, on a thread of its own, for unit tests of one side of a
 * call. When the server fails, its end closes, so that the test's read ends instead of waiting forever, and
 * {@link #read} throws the server's failure in place of the read's.
 */
public final class NetRpcOnSocketPair implements AutoCloseable {

  private final SocketPair pair;
  private final CompletableFuture<Void> serving;

  public NetRpcOnSocketPair(NetRpcServer server) throws IOException {
    pair = new SocketPair();
    serving = CompletableFuture.runAsync(() -> {
      try {
        server.serve(ChannelStreams.input(pair.plugin()), ChannelStreams.output(pair.plugin()));
      } catch (IOException e) {
        throw new IllegalStateException("the server's stream failed: " + e.getMessage(), e);
      } finally {
        closeQuietly();
      }
    });
  }

  /** A client on the host end. */
  public NetRpcClient client(String peer) {
    return new NetRpcClient(hostInput(), hostOutput(), pair.host(), peer);
  }

  public InputStream hostInput() {
    return ChannelStreams.input(pair.host());
  }

  public OutputStream hostOutput() {
    return ChannelStreams.output(pair.host());
  }

  /**
   * Runs a step that waits for the server; if the step failed because the server's end closed after the server
   * failed, throws the server's failure instead.
   */
  public <T> T read(Callable<T> step) throws Exception {
    try {
      return step.call();
    } catch (Exception e) {
      if (!endedByTheStream(e)) {
        throw e;
      }
      try {
        serving.get(10, TimeUnit.SECONDS);
      } catch (ExecutionException failed) {
        failed.getCause().addSuppressed(e);
        throw failed.getCause() instanceof Exception cause ? cause : failed;
      } catch (TimeoutException stillServing) {
        e.addSuppressed(stillServing);
      }
      throw e;
    }
  }

  private static boolean endedByTheStream(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof IOException) {
        return true;
      }
    }
    return false;
  }

  /** Ends the host's side and waits for the server to return; a server that failed fails the test. */
  @Override
  public void close() throws Exception {
    try {
      if (pair.host().isOpen()) {
        pair.host().shutdownOutput();
      }
      serving.get(10, TimeUnit.SECONDS);
    } catch (ExecutionException failed) {
      throw failed.getCause() instanceof Exception cause ? cause : failed;
    } finally {
      pair.close();
    }
  }

  private void closeQuietly() {
    try {
      pair.plugin().close();
    } catch (IOException ignored) {
      // It is being dropped anyway.
    }
  }
}
