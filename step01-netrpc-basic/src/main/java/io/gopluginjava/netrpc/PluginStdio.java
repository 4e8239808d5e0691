package io.gopluginjava.netrpc;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * A netrpc plugin's stdout and stderr after the handshake, as go-plugin's {@code Serve} redirects them: writes go to
 * the host over the session's stdout and stderr streams. Until the host has opened them, up to
 * {@value #PENDING_LIMIT} bytes each are kept; more is dropped (Go's pipe would block the writer instead).
 */
public final class PluginStdio {

  static final int PENDING_LIMIT = 64 * 1024;

  private final Forward out = new Forward();
  private final Forward err = new Forward();

  /** Sources for the plugin's output: {@link #stdout()} and {@link #stderr()}, to install where the plugin writes. */
  public PluginStdio() {
  }

  public PrintStream stdout() {
    return new PrintStream(out, true, StandardCharsets.UTF_8);
  }

  public PrintStream stderr() {
    return new PrintStream(err, true, StandardCharsets.UTF_8);
  }

  /** The host opened its streams: pending output goes out now, later output as it is written. */
  void connect(OutputStream stdout, OutputStream stderr) {
    out.connect(stdout);
    err.connect(stderr);
  }

  /** The host is gone: output is dropped from now on. */
  void disconnect() {
    out.connect(OutputStream.nullOutputStream());
    err.connect(OutputStream.nullOutputStream());
  }

  private static final class Forward extends OutputStream {
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
    private OutputStream target;

    synchronized void connect(OutputStream to) {
      target = to;
      try {
        pending.writeTo(to);
      } catch (IOException e) {
        target = OutputStream.nullOutputStream();
      }
      pending.reset();
    }

    @Override
    public void write(int b) throws IOException {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) {
      if (target == null) {
        pending.write(b, off, Math.min(len, Math.max(0, PENDING_LIMIT - pending.size())));
        return;
      }
      try {
        target.write(b, off, len);
      } catch (IOException gone) {
        target = OutputStream.nullOutputStream(); // the host closed the stream: as Go's copy, stop forwarding
      }
    }
  }
}
