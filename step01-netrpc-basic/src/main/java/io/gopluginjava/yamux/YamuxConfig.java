package io.gopluginjava.yamux;

import java.time.Duration;

/**
 * A session's settings; {@link #DEFAULT} is hashicorp/yamux's {@code DefaultConfig()}, which go-plugin uses on both
 * sides of a netrpc connection ({@code yamux.Client(conn, nil)}, {@code yamux.Server(conn, nil)}).
 *
 * @param acceptBacklog streams the peer may open before this side accepts them; more are reset
 * @param keepAliveInterval how often to ping the peer; {@link Duration#ZERO} turns keep-alive off
 * @param writeTimeout how long a ping may go unanswered before the session ends
 * @param streamWindow each stream's receive window, and the bound on any frame's body
 * @param maxQueuedFrames frames waiting to be written before the session gives up on a peer that does not read
 */
public record YamuxConfig(int acceptBacklog, Duration keepAliveInterval, Duration writeTimeout, int streamWindow,
    int maxQueuedFrames) {

  public static final int INITIAL_STREAM_WINDOW = 256 * 1024;

  public static final YamuxConfig DEFAULT =
      new YamuxConfig(256, Duration.ofSeconds(30), Duration.ofSeconds(10), INITIAL_STREAM_WINDOW, 4096);

  public YamuxConfig {
    if (streamWindow < INITIAL_STREAM_WINDOW) {
      throw new IllegalArgumentException("a yamux stream window must be at least " + INITIAL_STREAM_WINDOW
          + " bytes (the window every peer assumes at the start), got " + streamWindow);
    }
    if (acceptBacklog <= 0 || maxQueuedFrames <= 0) {
      throw new IllegalArgumentException("acceptBacklog and maxQueuedFrames must be positive");
    }
  }

  public YamuxConfig withKeepAlive(Duration interval) {
    return new YamuxConfig(acceptBacklog, interval, writeTimeout, streamWindow, maxQueuedFrames);
  }
}
