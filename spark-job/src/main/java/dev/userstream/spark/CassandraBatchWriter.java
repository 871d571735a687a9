package dev.userstream.spark;

import org.apache.spark.api.java.function.VoidFunction2;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.util.LongAccumulator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes one micro-batch of Kafka records to both tables in a single pass ({@link
 * CassandraPartitionWriter} per partition) and logs its counts.
 *
 * <p>One Spark job per batch: the records are read from Kafka and transformed once, with no cache
 * and no separate count. Writes are upserts on natural keys, so a batch that Spark replays after a
 * crash overwrites its own rows: at-least-once delivery becomes exactly-once rows.
 */
final class CassandraBatchWriter implements VoidFunction2<Dataset<Row>, Long> {
  private static final long serialVersionUID = 1L;
  private static final Logger LOG = LoggerFactory.getLogger(CassandraBatchWriter.class);

  private final CassandraPartitionWriter writer;
  // Updated in an action (foreachPartition): Spark applies each task's update once, even when a
  // task is retried. Read on the driver (foreachBatch), they are the totals since the start.
  private final LongAccumulator users;
  private final LongAccumulator rejects;

  CassandraBatchWriter(SparkSession spark, SparkJobOptions options) {
    this.users = spark.sparkContext().longAccumulator("userstream users written");
    this.rejects = spark.sparkContext().longAccumulator("userstream rejects written");
    this.writer = new CassandraPartitionWriter(options, users, rejects);
  }

  @Override
  public void call(Dataset<Row> batch, Long batchId) {
    long started = System.nanoTime();
    long usersBefore = users.value();
    long rejectsBefore = rejects.value();
    batch.foreachPartition(writer);
    long batchUsers = users.value() - usersBefore;
    long batchRejects = rejects.value() - rejectsBefore;
    if (batchUsers + batchRejects == 0) {
      return;
    }
    LOG.info(
        "batch {}: {} users, {} rejects written in {} ms (total {} users, {} rejects)",
        batchId,
        batchUsers,
        batchRejects,
        (System.nanoTime() - started) / 1_000_000,
        users.value(),
        rejects.value());
  }
}
