package io.gopluginjava.yamux;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A yamux session over one byte stream (hashicorp/yamux v0.1.2, as go-plugin's netrpc uses it): many {@link Stream}s,
 * each flow-controlled by its own window, on one connection. The client side opens odd stream ids, the server side
 * even ones. One reader thread handles incoming frames; one writer thread writes queued frames and sends keep-alive
 * pings. A frame that breaks the protocol ends the session with a {@link YamuxProtocolException}.
 */
public final class Session implements Closeable {

  private static final byte[] END = new byte[0];

  private final YamuxConfig config;
  private final InputStream in;
  private final OutputStream out;
  private final Closeable connection;
  private final AtomicInteger nextId;
  private final Map<Integer, Stream> streams = new ConcurrentHashMap<>();
  private final ArrayDeque<Stream> acceptable = new ArrayDeque<>();
  private final BlockingQueue<byte[]> outgoing;
  private final Map<Long, CompletableFuture<Void>> pings = new ConcurrentHashMap<>();
  private final AtomicInteger nextPing = new AtomicInteger();
  private final Thread reader;
  private final Thread writer;
  private volatile boolean localGoAway;
  private volatile boolean remoteGoAway;
  private volatile IOException ended;

  private Session(InputStream in, OutputStream out, Closeable connection, boolean client, YamuxConfig config) {
    this.config = config;
    this.in = new BufferedInputStream(in, 64 * 1024);
    this.out = new BufferedOutputStream(out, 64 * 1024);
    this.connection = connection;
    this.nextId = new AtomicInteger(client ? 1 : 2);
    this.outgoing = new ArrayBlockingQueue<>(config.maxQueuedFrames());
    String role = client ? "client" : "server";
    reader = new Thread(this::readLoop, "yamux-" + role + "-reader");
    writer = new Thread(this::writeLoop, "yamux-" + role + "-writer");
    reader.setDaemon(true);
    writer.setDaemon(true);
  }

  /** The side that dialled (go-plugin's host): opens odd stream ids. {@code connection} is closed with the session. */
  public static Session client(InputStream in, OutputStream out, Closeable connection, YamuxConfig config) {
    return start(new Session(in, out, connection, true, config));
  }

  /** The side that accepted (go-plugin's plugin): opens even stream ids. */
  public static Session server(InputStream in, OutputStream out, Closeable connection, YamuxConfig config) {
    return start(new Session(in, out, connection, false, config));
  }

  private static Session start(Session session) {
    session.reader.start();
    session.writer.start();
    return session;
  }

  YamuxConfig config() {
    return config;
  }

  /** Opens a stream: its SYN goes out now, the peer's ACK is not waited for (as yamux's {@code OpenStream}). */
  public Stream open() throws IOException {
    checkOpen();
    if (remoteGoAway) {
      throw new YamuxException("the peer sent GoAway: it accepts no new streams");
    }
    int id = nextId.getAndAdd(2);
    if (Integer.toUnsignedLong(id) >= 0xfffffffeL) {
      throw new YamuxException("stream ids exhausted on this session");
    }
    Stream stream = new Stream(this, id, Stream.State.INIT);
    streams.put(id, stream);
    stream.sendOpenFlags();
    return stream;
  }

  /** Waits for the next stream the peer opens, and acknowledges it. */
  public Stream accept() throws IOException {
    Stream stream;
    synchronized (acceptable) {
      while (acceptable.isEmpty()) {
        checkOpen();
        try {
          acceptable.wait();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new YamuxException("interrupted while accepting a stream");
        }
      }
      stream = acceptable.poll();
    }
    stream.sendOpenFlags();
    return stream;
  }

  /** Round-trips a ping; fails after the config's write timeout. */
  public Duration ping() throws IOException {
    long id = Integer.toUnsignedLong(nextPing.getAndIncrement());
    CompletableFuture<Void> answer = new CompletableFuture<>();
    pings.put(id, answer);
    long start = System.nanoTime();
    try {
      send(Frame.of(Frame.PING, Frame.SYN, 0, id).encode());
      answer.get(config.writeTimeout().toMillis(), TimeUnit.MILLISECONDS);
      return Duration.ofNanos(System.nanoTime() - start);
    } catch (TimeoutException e) {
      throw new YamuxException("no answer to ping " + id + " within " + config.writeTimeout());
    } catch (ExecutionException e) {
      throw new YamuxException("ping " + id + " failed: the session ended", e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new YamuxException("interrupted while waiting for ping " + id);
    } finally {
      pings.remove(id);
    }
  }

  /** Tells the peer to open no more streams; streams it opens from now on are reset. */
  public void goAway() throws IOException {
    localGoAway = true;
    send(Frame.of(Frame.GO_AWAY, 0, 0, Frame.GO_AWAY_NORMAL).encode());
  }

  public boolean isClosed() {
    return ended != null;
  }

  /** Why the session ended: a {@link YamuxProtocolException}, the peer's hang-up, or a local close; null while open. */
  public IOException cause() {
    return ended;
  }

  /**
   * Ends the session: frames already queued (say, the answer to a quit request) are written first, for at most the
   * write timeout; then the connection is closed and both threads end.
   */
  @Override
  public void close() {
    if (end(new YamuxException("the yamux session was closed"))) {
      outgoing.offer(END);
      join(writer, config.writeTimeout());
    }
    closeConnection();
    join(reader, config.writeTimeout());
    join(writer, config.writeTimeout());
  }

  private static void join(Thread thread, Duration timeout) {
    if (Thread.currentThread() == thread) {
      return;
    }
    try {
      thread.join(timeout.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Marks the session ended with {@code cause}; true for the call that ended it. */
  private boolean end(IOException cause) {
    synchronized (this) {
      if (ended != null) {
        return false;
      }
      ended = cause;
    }
    synchronized (acceptable) {
      acceptable.notifyAll();
    }
    streams.values().forEach(Stream::sessionEnded);
    pings.values().forEach(p -> p.completeExceptionally(cause));
    return true;
  }

  /** Ends the session because of {@code cause}, without waiting for queued frames. */
  private void fail(IOException cause) {
    if (end(cause)) {
      writer.interrupt();
      closeConnection();
    }
  }

  private void closeConnection() {
    try {
      connection.close();
    } catch (IOException ignored) {
      // Closing is all we wanted.
    }
  }

  void checkOpen() throws YamuxException {
    IOException cause = ended;
    if (cause != null) {
      throw new YamuxException(cause.getMessage(), cause);
    }
  }

  void forget(int id) {
    streams.remove(id);
  }

  /** Queues a frame for the writer, waiting while the queue is full (a peer that does not read). */
  void send(byte[] frame) throws YamuxException {
    checkOpen();
    try {
      if (!outgoing.offer(frame, config.writeTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
        throw new YamuxException("could not queue a frame within " + config.writeTimeout()
            + ": the peer is not reading");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new YamuxException("interrupted while sending on the yamux session");
    }
  }

  /** Queues a frame from the reader thread, which must never block on the writer. */
  private void sendFromReader(byte[] frame) throws YamuxException {
    if (!outgoing.offer(frame)) {
      throw new YamuxException(config.maxQueuedFrames() + " frames wait to be written: the peer sends without reading");
    }
  }

  private void writeLoop() {
    long keepAliveNanos = config.keepAliveInterval().toNanos();
    long nextPingAt = System.nanoTime() + keepAliveNanos;
    CompletableFuture<Void> keepAlive = null;
    long keepAliveDeadline = 0;
    try {
      while (true) {
        byte[] frame = outgoing.poll();
        if (frame == null) {
          out.flush();
          long wait = keepAliveNanos > 0 ? Math.max(1, nextPingAt - System.nanoTime()) : Long.MAX_VALUE;
          if (keepAlive != null) {
            wait = Math.min(wait, Math.max(1, keepAliveDeadline - System.nanoTime()));
          }
          frame = outgoing.poll(wait, TimeUnit.NANOSECONDS);
        }
        if (frame == END) {
          out.flush();
          return;
        }
        if (frame != null) {
          out.write(frame);
        }
        long now = System.nanoTime();
        if (keepAlive != null && keepAlive.isDone()) {
          keepAlive = null;
        } else if (keepAlive != null && now - keepAliveDeadline >= 0) {
          fail(new YamuxException("keepalive timeout: the peer did not answer a ping within " + config.writeTimeout()));
          return;
        }
        if (keepAliveNanos > 0 && keepAlive == null && now - nextPingAt >= 0) {
          long id = Integer.toUnsignedLong(nextPing.getAndIncrement());
          keepAlive = new CompletableFuture<>();
          pings.put(id, keepAlive);
          keepAlive.whenComplete((ok, failed) -> pings.remove(id));
          keepAliveDeadline = now + config.writeTimeout().toNanos();
          nextPingAt = now + keepAliveNanos;
          out.write(Frame.of(Frame.PING, Frame.SYN, 0, id).encode());
        }
      }
    } catch (InterruptedException stopped) {
      // fail() stops the writer this way.
    } catch (IOException e) {
      fail(new YamuxException("writing to the yamux connection failed: " + e.getMessage(), e));
    } catch (RuntimeException e) {
      // A bug (or an unwritten workbook piece) must end the session for everyone waiting on it, not strand them.
      fail(new YamuxException("the yamux writer failed: " + e.getMessage(), e));
    }
  }

  private void readLoop() {
    try {
      while (true) {
        Frame frame = Frame.read(in);
        if (frame == null) {
          fail(new YamuxException("the peer closed the yamux connection"));
          return;
        }
        handle(frame);
      }
    } catch (YamuxProtocolException e) {
      try {
        goAwayBestEffort(Frame.GO_AWAY_PROTOCOL_ERROR);
        fail(e);
      } catch (RuntimeException bug) {
        fail(new YamuxException("the yamux reader failed: " + bug.getMessage() + " (sending GoAway after: "
            + e.getMessage() + ")", bug));
      }
    } catch (YamuxException e) {
      fail(ended != null ? ended : e);
    } catch (IOException e) {
      fail(ended != null ? ended : new YamuxException("reading the yamux connection failed: " + e.getMessage(), e));
    } catch (RuntimeException e) {
      fail(new YamuxException("the yamux reader failed: " + e.getMessage(), e));
    }
  }

  private void goAwayBestEffort(int reason) {
    outgoing.offer(Frame.of(Frame.GO_AWAY, 0, 0, reason).encode());
    outgoing.offer(END);
    join(writer, Duration.ofMillis(200));
  }

  private void handle(Frame frame) throws IOException {
    if (frame.version() != Frame.VERSION) {
      throw new YamuxProtocolException(frame, "unknown version " + frame.version() + ", yamux speaks version 0");
    }
    switch (frame.type()) {
      case Frame.DATA, Frame.WINDOW_UPDATE -> handleStream(frame);
      case Frame.PING -> handlePing(frame);
      case Frame.GO_AWAY -> handleGoAway(frame);
      default -> throw new YamuxProtocolException(frame,
          "unknown frame type " + frame.type() + ", expected 0 (Data), 1 (WindowUpdate), 2 (Ping) or 3 (GoAway)");
    }
  }

  private void handleStream(Frame frame) throws IOException {
    if (frame.type() == Frame.DATA && frame.length() > config.streamWindow()) {
      throw new YamuxProtocolException(frame, "a data frame longer than the largest window ("
          + config.streamWindow() + " bytes)");
    }
    if (frame.has(Frame.SYN)) {
      incoming(frame);
    }
    Stream stream = streams.get(frame.streamId());
    if (stream == null) {
      if (frame.type() == Frame.DATA) {
        in.skipNBytes(frame.length()); // data for a stream already gone, as yamux discards it
      }
      return;
    }
    boolean done;
    if (frame.type() == Frame.WINDOW_UPDATE) {
      done = stream.processFlags(frame);
      stream.addSendWindow(frame);
    } else {
      done = stream.processFlags(frame);
      if (frame.length() > 0) {
        stream.receive(frame, in);
      }
    }
    if (done) {
      streams.remove(frame.streamId());
    }
  }

  private void incoming(Frame frame) throws IOException {
    if (localGoAway) {
      sendFromReader(Frame.of(Frame.WINDOW_UPDATE, Frame.RST, frame.streamId(), 0).encode());
      return;
    }
    Stream stream = new Stream(this, frame.streamId(), Stream.State.SYN_RECEIVED);
    if (streams.putIfAbsent(frame.streamId(), stream) != null) {
      throw new YamuxProtocolException(frame, "SYN for stream " + frame.stream() + ", which is already open");
    }
    synchronized (acceptable) {
      if (acceptable.size() >= config.acceptBacklog()) {
        streams.remove(frame.streamId());
        sendFromReader(Frame.of(Frame.WINDOW_UPDATE, Frame.RST, frame.streamId(), 0).encode());
        return;
      }
      acceptable.add(stream);
      acceptable.notifyAll();
    }
  }

  private void handlePing(Frame frame) throws IOException {
    if (frame.has(Frame.SYN)) {
      sendFromReader(Frame.of(Frame.PING, Frame.ACK, 0, frame.length()).encode());
      return;
    }
    CompletableFuture<Void> answer = pings.get(frame.length());
    if (answer != null) {
      answer.complete(null);
    }
  }

  private void handleGoAway(Frame frame) throws IOException {
    switch ((int) frame.length()) {
      case Frame.GO_AWAY_NORMAL -> remoteGoAway = true;
      case Frame.GO_AWAY_PROTOCOL_ERROR -> throw new YamuxException("the peer ended the session: it saw a protocol error");
      case Frame.GO_AWAY_INTERNAL_ERROR -> throw new YamuxException("the peer ended the session: internal error");
      default -> throw new YamuxProtocolException(frame, "unknown GoAway reason " + frame.length());
    }
  }
}
