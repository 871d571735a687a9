package dev.userstream.producer;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.Callback;

/**
 * Counts what the broker acknowledged and what failed, from the client's I/O thread. One callback
 * per kind is made up front so sending allocates no callback per record.
 */
final class AckCounter {
  private final AtomicLong acknowledged = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();
  private final AtomicLongArray badAcknowledged = new AtomicLongArray(BadKind.values().length);
  private final AtomicReference<Exception> firstError = new AtomicReference<>();
  private final Callback good = (metadata, error) -> complete(null, error);
  private final Callback[] bad = new Callback[BadKind.values().length];

  AckCounter() {
    for (BadKind kind : BadKind.values()) {
      bad[kind.ordinal()] = (metadata, error) -> complete(kind, error);
    }
  }

  /** The callback for a record with this damage (null: a good record). */
  Callback callback(BadKind kind) {
    return kind == null ? good : bad[kind.ordinal()];
  }

  /** A record that failed before the client took it (send() threw). */
  void failedToSend(Exception error) {
    complete(null, error);
  }

  private void complete(BadKind kind, Exception error) {
    if (error != null) {
      failed.incrementAndGet();
      firstError.compareAndSet(null, error);
    } else {
      acknowledged.incrementAndGet();
      if (kind != null) {
        badAcknowledged.incrementAndGet(kind.ordinal());
      }
    }
  }

  long acknowledged() {
    return acknowledged.get();
  }

  long failed() {
    return failed.get();
  }

  Exception firstError() {
    return firstError.get();
  }

  Map<BadKind, Long> badByKind() {
    Map<BadKind, Long> counts = new EnumMap<>(BadKind.class);
    for (BadKind kind : BadKind.values()) {
      counts.put(kind, badAcknowledged.get(kind.ordinal()));
    }
    return counts;
  }

  long bad() {
    long total = 0;
    for (int i = 0; i < badAcknowledged.length(); i++) {
      total += badAcknowledged.get(i);
    }
    return total;
  }
}
