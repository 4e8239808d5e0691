package io.gopluginjava.netrpc;

import io.gopluginjava.yamux.Session;
import io.gopluginjava.yamux.Stream;
import io.gopluginjava.yamux.YamuxException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * go-plugin's {@code MuxBroker}: extra streams on the session, paired by a numeric id. The dialling side opens a
 * stream and writes the id (4 bytes, little-endian); the accepting side, which handed out the id, echoes it back as the
 * ack. Dispense uses it: the plugin answers a broker id, the host dials it, and the plugin serves its RPC server there.
 */
public final class MuxBroker {

  /** go-plugin waits this long for the other side to dial an id (and for an unclaimed stream to be claimed). */
  public static final Duration TIMEOUT = Duration.ofSeconds(5);

  private final Session session;
  private final Duration timeout;
  private final AtomicInteger nextId = new AtomicInteger();
  private final Map<Long, CompletableFuture<Stream>> pending = new ConcurrentHashMap<>();

  public MuxBroker(Session session) {
    this(session, TIMEOUT);
  }

  MuxBroker(Session session, Duration timeout) {
    this.session = session;
    this.timeout = timeout;
  }

  /** Starts handing incoming streams to {@link #accept}ers, on a thread that ends with the session. */
  public MuxBroker start() {
    Thread runner = new Thread(this::run, "netrpc-mux-broker");
    runner.setDaemon(true);
    runner.start();
    return this;
  }

  /** A fresh id for the other side to dial. */
  public long nextId() {
    return Integer.toUnsignedLong(nextId.incrementAndGet());
  }

  /** Waits up to {@link #TIMEOUT} for the other side to dial {@code id}, then acks it with the id. */
  public Stream accept(long id) throws IOException {
    CompletableFuture<Stream> arrival = pending.computeIfAbsent(id, k -> new CompletableFuture<>());
    Stream stream;
    try {
      stream = arrival.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      throw new YamuxException("timeout waiting for accept: no stream dialled broker id " + id + " within "
          + timeout.toMillis() + " ms");
    } catch (ExecutionException e) {
      throw new YamuxException("the session ended before broker id " + id + " was dialled", e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new YamuxException("interrupted while waiting for broker id " + id);
    } finally {
      pending.remove(id);
    }
    stream.output().write(littleEndian(id));
    return stream;
  }

  /** Opens a stream to the id the other side handed out and waits for its ack. */
  public Stream dial(long id) throws IOException {
    Stream stream = session.open();
    stream.output().write(littleEndian(id));
    byte[] ack = stream.input().readNBytes(4);
    if (ack.length < 4) {
      stream.close();
      throw new YamuxException("broker stream " + id + " closed before its ack");
    }
    long acked = Integer.toUnsignedLong(ByteBuffer.wrap(ack).order(ByteOrder.LITTLE_ENDIAN).getInt());
    if (acked != id) {
      stream.close();
      throw new YamuxException("bad ack: " + acked + " (expected " + id + ")");
    }
    return stream;
  }

  private void run() {
    while (true) {
      Stream stream;
      try {
        stream = session.accept();
      } catch (IOException ended) {
        pending.values().forEach(p -> p.completeExceptionally(ended));
        return;
      }
      try {
        byte[] id = stream.input().readNBytes(4);
        if (id.length < 4) {
          stream.close();
          continue;
        }
        long key = Integer.toUnsignedLong(ByteBuffer.wrap(id).order(ByteOrder.LITTLE_ENDIAN).getInt());
        if (!pending.computeIfAbsent(key, k -> new CompletableFuture<>()).complete(stream)) {
          stream.reset(); // a second stream for the same id: go-plugin drops it too
        }
      } catch (IOException e) {
        // This stream broke before naming its id; the others are unaffected.
      }
    }
  }

  private static byte[] littleEndian(long id) {
    return ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt((int) id).array();
  }
}
