package dev.userstream.spark;

import dev.userstream.io.cassandra.KafkaRecordBinder;
import dev.userstream.io.cassandra.RowTally;
import dev.userstream.spark.RowWriters.RowWriter;
import java.time.Instant;
import org.apache.spark.sql.ForeachWriter;
import org.apache.spark.sql.Row;

/**
 * The Real-Time Mode sink. Spark opens it once per Kafka partition and epoch (one checkpoint
 * interval of a long-running task), hands it each record as it arrives, and closes it when the
 * epoch ends. Each record is bound by common-model's transformation and sent at once through a
 * {@link RowWriter} (pipeline-io's bounded async writer in production), so it reaches Cassandra
 * within milliseconds, not at the epoch's end.
 *
 * <p>At close every write in flight must have answered. A failed write fails the task (here, or at
 * the next record): the epoch's offsets are not committed, so its records are read again when the
 * query runs next, and the upserts overwrite what did land.
 */
final class RealTimeWriter extends ForeachWriter<Row> {
  private static final long serialVersionUID = 1L;

  private final KafkaRecordBinder binder;
  private final RowWriters writers;
  private final RowTally tally;
  private transient RowWriter writer;

  /**
   * @param tally counts each row as it is written (accumulators: a failed task counts nothing)
   */
  RealTimeWriter(KafkaRecordBinder binder, RowWriters writers, RowTally tally) {
    this.binder = binder;
    this.writers = writers;
    this.tally = tally;
  }

  @Override
  public boolean open(long partitionId, long epochId) {
    writer = writers.open();
    return true;
  }

  @Override
  public void process(Row record) {
    // A record's own rejected_at: an epoch lasts a checkpoint interval, not a few seconds.
    writer.write(tally.count(UserStreamJob.bind(binder, record, Instant.now())));
  }

  @Override
  public void close(Throwable errorOrNull) {
    RowWriter closing = writer;
    writer = null;
    if (closing == null) {
      return;
    }
    try {
      if (errorOrNull == null) {
        closing.finish(); // throws on a failed write: the task fails, the epoch is not committed
      }
    } finally {
      closing.close();
    }
  }
}
