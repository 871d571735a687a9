package dev.userstream.bench;

import java.util.Arrays;

/**
 * The write times and Kafka record times of one run's rows, as Cassandra stored them: the only
 * clock the figures come from, so neither engine can flatter itself.
 */
final class RowTimes {
  private final long[] writeMicros;
  private final long[] eventMillis;

  RowTimes(long[] writeMicros, long[] eventMillis) {
    if (writeMicros.length != eventMillis.length) {
      throw new IllegalArgumentException("one write time per event time");
    }
    this.writeMicros = writeMicros;
    this.eventMillis = eventMillis;
  }

  int count() {
    return writeMicros.length;
  }

  /** The last row's write time, µs since the epoch; 0 without rows. */
  long lastWriteMicros() {
    return Arrays.stream(writeMicros).max().orElse(0);
  }

  /** Seconds from the first row's write to the last row's. */
  double spanSeconds() {
    if (count() < 2) {
      return 0;
    }
    return (lastWriteMicros() - firstWriteMicros()) / 1e6;
  }

  /** The first row's {@code WRITETIME}, epoch µs; needs a row. */
  long firstWriteMicros() {
    return Arrays.stream(writeMicros).min().orElseThrow();
  }

  /** (rows − 1) / span: rows per second between the first and the last write; 0 if undefined. */
  double rowsPerSecond() {
    double span = spanSeconds();
    return span <= 0 ? 0 : (count() - 1) / span;
  }

  /**
   * Latency of each row whose Kafka record time is at or after {@code fromEventMillis}: write time
   * minus record time, in milliseconds.
   */
  double[] latenciesMillis(long fromEventMillis) {
    double[] out = new double[count()];
    int n = 0;
    for (int i = 0; i < count(); i++) {
      if (eventMillis[i] >= fromEventMillis) {
        out[n++] = writeMicros[i] / 1000.0 - eventMillis[i];
      }
    }
    return Arrays.copyOf(out, n);
  }

  /** Collects rows as a page arrives. */
  static final class Builder {
    private long[] writes = new long[1024];
    private long[] events = new long[1024];
    private int size;

    void add(long writeMicros, long eventMillis) {
      if (size == writes.length) {
        writes = Arrays.copyOf(writes, size * 2);
        events = Arrays.copyOf(events, size * 2);
      }
      writes[size] = writeMicros;
      events[size] = eventMillis;
      size++;
    }

    RowTimes build() {
      return new RowTimes(Arrays.copyOf(writes, size), Arrays.copyOf(events, size));
    }
  }
}
