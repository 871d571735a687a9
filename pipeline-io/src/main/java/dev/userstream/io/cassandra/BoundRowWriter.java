package dev.userstream.io.cassandra;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import dev.userstream.io.PipelineOptions;
import dev.userstream.io.cassandra.KafkaRecordBinder.BoundRow;
import dev.userstream.model.CassandraSchema;

/**
 * What every engine's sink does with {@link KafkaRecordBinder}'s rows: each into its table (the
 * users insert or the rejects insert, both prepared once), through a {@link CassandraRowWriter}
 * with the options' consistency and writes in flight, on the engine's session or (with {@link
 * #open}) one of its own. The engine decides when to {@link #finish()} (Spark: at the end of a
 * partition; Flink: before each checkpoint barrier).
 *
 * <p>Not thread-safe: one per task, like the writer under it.
 */
public final class BoundRowWriter implements AutoCloseable {
  private final CassandraRowWriter writer;
  private final PreparedStatement users;
  private final PreparedStatement rejects;
  private final CqlSession owned;

  /**
   * Prepares both inserts of {@code options}' schema on {@code session}.
   *
   * @param batchSize rows per statement, as {@link CassandraRowWriter} takes it (1 = each alone)
   */
  public BoundRowWriter(CqlSession session, PipelineOptions options, int batchSize) {
    this(session, options, batchSize, null);
  }

  private BoundRowWriter(
      CqlSession session, PipelineOptions options, int batchSize, CqlSession owned) {
    this.owned = owned;
    CassandraSchema schema = options.cassandraSchema();
    this.users = session.prepare(schema.insertUserCql());
    this.rejects = session.prepare(schema.insertRejectCql());
    this.writer =
        new CassandraRowWriter(
            session,
            CassandraRowWriter.consistency(options.cassandraConsistency()),
            options.cassandraConcurrentWrites(),
            batchSize);
  }

  /**
   * A writer on a session of its own ({@link CassandraSessions#open}), which {@link #close()}
   * closes; when the inserts do not prepare, the session is closed before the failure is thrown.
   */
  public static BoundRowWriter open(PipelineOptions options, int batchSize) {
    CqlSession session = CassandraSessions.open(options);
    try {
      return new BoundRowWriter(session, options, batchSize, session);
    } catch (RuntimeException e) {
      session.close();
      throw e;
    }
  }

  /**
   * A writer on this JVM's shared session for {@code options} ({@link SharedSessions}: opened by
   * the first caller, kept until the JVM exits), which {@link #close()} leaves open. For an engine
   * that opens a writer per short-lived task: Spark's Real-Time Mode opens one per Kafka partition
   * and epoch, and a new epoch must not wait for a new session.
   */
  public static BoundRowWriter shared(PipelineOptions options, int batchSize) {
    return new BoundRowWriter(SharedSessions.get(options), options, batchSize, null);
  }

  /**
   * Sends the row to its table (blocking while the writes in flight are at their limit).
   *
   * @throws CassandraRowWriter.WriteFailedException once an earlier write has failed, when every
   *     other write has answered: sending more would only be replayed
   */
  public void write(BoundRow row) {
    writer.write(row.user() ? users : rejects, row.values());
    if (writer.failed()) {
      writer.finish();
    }
  }

  /**
   * Sends what is pending and waits for every answer.
   *
   * @throws CassandraRowWriter.WriteFailedException with the first failure
   */
  public void finish() {
    writer.finish();
  }

  /** Rows Cassandra has acknowledged so far. */
  public long acknowledged() {
    return writer.acknowledged();
  }

  /** Closes the session if this writer opened it ({@link #open}); a caller's session stays open. */
  @Override
  public void close() {
    if (owned != null) {
      owned.close();
    }
  }
}
