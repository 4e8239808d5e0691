package io.gopluginjava.yamux;

/** The peer sent a frame yamux does not allow; the session ends with this as its cause. */
public final class YamuxProtocolException extends YamuxException {

  private final Frame frame;

  public YamuxProtocolException(Frame frame, String problem) {
    super("yamux protocol error: " + problem + " (frame " + frame + ")");
    this.frame = frame;
  }

  /** The offending frame header. */
  public Frame frame() {
    return frame;
  }
}
