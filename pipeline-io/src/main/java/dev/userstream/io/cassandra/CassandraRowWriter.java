package dev.userstream.io.cassandra;

import com.datastax.oss.driver.api.core.ConsistencyLevel;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.DefaultConsistencyLevel;
import com.datastax.oss.driver.api.core.cql.BatchStatement;
import com.datastax.oss.driver.api.core.cql.BatchableStatement;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.DefaultBatchType;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Statement;
import dev.userstream.io.metrics.PipelineMetrics;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The bounded asynchronous row writer that the Spark job and the benchmark's ceiling both run, so
 * the ceiling measures the job's own write path: prepared inserts bound per row with nulls left
 * unset (never written as tombstones), at most N statements in flight, each at the configured
 * consistency level, optionally grouped into unlogged batches of B rows of one table.
 *
 * <p>Every row has its own partition key, so a batch only makes the coordinator fan it out again: B
 * = 1 (each insert alone) is what the jobs default to. A failed write does not stop the ones in
 * flight; {@link #failed()} tells the caller to stop feeding, and {@link #finish()} reports the
 * first failure once every write has answered, so nothing is still running when the caller gives up
 * (Spark then fails the task and replays the batch: the inserts are idempotent upserts).
 *
 * <p>Each answered write's latency goes to this JVM's {@link PipelineMetrics}.
 *
 * <p>Not thread-safe: one writer per task or thread; the driver's callbacks only touch atomics.
 */
public final class CassandraRowWriter {
  private static final PipelineMetrics METRICS = PipelineMetrics.process();

  private final CqlSession session;
  private final ConsistencyLevel consistency;
  private final int inFlight;
  private final int batchSize;
  private final Semaphore window;
  private final Map<PreparedStatement, List<BoundStatement>> pending = new IdentityHashMap<>();
  private final AtomicReference<Throwable> failure = new AtomicReference<>();
  private final AtomicLong acknowledged = new AtomicLong();

  /**
   * @param inFlight statements sent and not yet answered, at most ({@code
   *     --cassandra-concurrent-writes})
   * @param batchSize rows per statement: 1 sends each insert alone, more groups that many inserts
   *     of one table into an unlogged batch
   */
  public CassandraRowWriter(
      CqlSession session, ConsistencyLevel consistency, int inFlight, int batchSize) {
    if (inFlight < 1 || batchSize < 1) {
      throw new IllegalArgumentException(
          "inFlight and batchSize must be 1 or more, got " + inFlight + " and " + batchSize);
    }
    this.session = session;
    this.consistency = consistency;
    this.inFlight = inFlight;
    this.batchSize = batchSize;
    this.window = new Semaphore(inFlight);
  }

  /** The driver's level of a {@code --cassandra-consistency} name (validated by the option). */
  public static ConsistencyLevel consistency(String name) {
    return DefaultConsistencyLevel.valueOf(name);
  }

  /**
   * Binds one row and sends it, or its batch once full; blocks while {@code inFlight} statements
   * are unanswered.
   */
  public void write(PreparedStatement insert, Object[] values) {
    List<BoundStatement> rows = pending.computeIfAbsent(insert, k -> new ArrayList<>(batchSize));
    rows.add(bind(insert, values));
    if (rows.size() >= batchSize) {
      send(rows);
    }
  }

  /** True once a write has failed: sending more would only be replayed. */
  public boolean failed() {
    return failure.get() != null;
  }

  /** Rows Cassandra has acknowledged so far. */
  public long acknowledged() {
    return acknowledged.get();
  }

  /**
   * Sends the rows of unfilled batches and waits until every statement has answered; the writer can
   * be used again afterwards.
   *
   * @throws WriteFailedException with the first failure, once nothing is in flight any more
   */
  public void finish() {
    for (List<BoundStatement> rows : pending.values()) {
      send(rows);
    }
    window.acquireUninterruptibly(inFlight);
    window.release(inFlight);
    Throwable first = failure.get();
    if (first != null) {
      throw new WriteFailedException(
          "a write to Cassandra failed: " + CassandraPreflight.firstLine(first), first);
    }
  }

  /** Binds the values, leaving nulls unset: an absent optional field writes nothing. */
  static BoundStatement bind(PreparedStatement statement, Object[] values) {
    BoundStatement bound = statement.bind(values);
    for (int i = 0; i < values.length; i++) {
      if (values[i] == null) {
        bound = bound.unset(i);
      }
    }
    return bound;
  }

  /** Sends the rows (one statement, or an unlogged batch of several) and clears them. */
  private void send(List<BoundStatement> rows) {
    if (rows.isEmpty()) {
      return;
    }
    int count = rows.size();
    Statement<?> statement =
        count == 1
            ? rows.get(0)
            : BatchStatement.newInstance(
                DefaultBatchType.UNLOGGED, rows.toArray(new BatchableStatement<?>[0]));
    rows.clear();
    window.acquireUninterruptibly();
    long sent = System.nanoTime();
    try {
      session
          .executeAsync(statement.setConsistencyLevel(consistency))
          .whenComplete(
              (result, error) -> {
                if (error != null) {
                  failure.compareAndSet(null, error);
                } else {
                  acknowledged.addAndGet(count);
                  METRICS.writeLatency(System.nanoTime() - sent);
                }
                window.release();
              });
    } catch (RuntimeException e) {
      // A closed session throws before sending: the slot must come back, or finish() hangs.
      failure.compareAndSet(null, e);
      window.release();
    }
  }

  /** A write failed; thrown by {@link #finish()} when every other write has answered. */
  public static final class WriteFailedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    WriteFailedException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
