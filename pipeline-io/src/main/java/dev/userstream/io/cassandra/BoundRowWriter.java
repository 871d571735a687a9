package dev.userstream.io.cassandra;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import dev.userstream.io.PipelineOptions;
import dev.userstream.io.cassandra.KafkaRecordBinder.BoundRow;
import dev.userstream.model.CassandraSchema;

/**
 * What every engine's sink does with {@link KafkaRecordBinder}'s rows: each into its table (the
 * users insert or the rejects insert, both prepared once), through a {@link CassandraRowWriter}
 * with the options' consistency and writes in flight. The engine owns the session and decides when
 * to {@link #finish()} (Spark: at the end of a partition; Flink: before each checkpoint barrier).
 *
 * <p>Not thread-safe: one per task, like the writer under it.
 */
public final class BoundRowWriter {
  private final CassandraRowWriter writer;
  private final PreparedStatement users;
  private final PreparedStatement rejects;

  /**
   * Prepares both inserts of {@code options}' schema on {@code session}.
   *
   * @param batchSize rows per statement, as {@link CassandraRowWriter} takes it (1 = each alone)
   */
  public BoundRowWriter(CqlSession session, PipelineOptions options, int batchSize) {
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
}
