package dev.userstream.spark;

import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.util.concurrent.atomic.AtomicLong;
import org.apache.spark.api.java.function.VoidFunction2;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes one transformed micro-batch to both tables and logs its counts.
 *
 * <p>The batch is cached because it feeds three actions (count, users, rejects): without the cache
 * each would read Kafka and transform the records again. Writes are upserts on natural keys, so a
 * batch that Spark replays after a crash overwrites its own rows: at-least-once delivery becomes
 * exactly-once rows.
 */
final class CassandraBatchWriter implements VoidFunction2<Dataset<Row>, Long> {
  private static final long serialVersionUID = 1L;
  private static final Logger LOG = LoggerFactory.getLogger(CassandraBatchWriter.class);

  private final SparkJobOptions options;
  // Runs on the driver only (foreachBatch), so plain totals are enough.
  private final AtomicLong totalUsers = new AtomicLong();
  private final AtomicLong totalRejects = new AtomicLong();

  CassandraBatchWriter(SparkJobOptions options) {
    this.options = options;
  }

  @Override
  public void call(Dataset<Row> batch, Long batchId) {
    long started = System.nanoTime();
    Dataset<Row> cached = batch.persist(StorageLevel.MEMORY_AND_DISK());
    try {
      Row counts =
          cached
              .agg(
                  sum(when(UserStreamJob.isKind(KafkaRecordTransform.USER), 1L).otherwise(0L)),
                  sum(when(UserStreamJob.isKind(KafkaRecordTransform.REJECT), 1L).otherwise(0L)))
              .first();
      long users = counts.isNullAt(0) ? 0 : counts.getLong(0);
      long rejects = counts.isNullAt(1) ? 0 : counts.getLong(1);
      if (users > 0) {
        write(UserStreamJob.users(cached), options.pipeline().usersTable());
      }
      if (rejects > 0) {
        write(UserStreamJob.rejects(cached), options.pipeline().rejectsTable());
      }
      totalUsers.addAndGet(users);
      totalRejects.addAndGet(rejects);
      long millis = (System.nanoTime() - started) / 1_000_000;
      LOG.info(
          "batch {}: {} users, {} rejects written in {} ms (total {} users, {} rejects)",
          batchId,
          users,
          rejects,
          millis,
          totalUsers.get(),
          totalRejects.get());
    } finally {
      cached.unpersist();
    }
  }

  /** Users written since this writer was created. */
  long totalUsers() {
    return totalUsers.get();
  }

  /** Rejects written since this writer was created. */
  long totalRejects() {
    return totalRejects.get();
  }

  private void write(Dataset<Row> rows, String table) {
    rows.write()
        .format(CassandraTarget.FORMAT)
        .options(CassandraTarget.writeOptions(options, table))
        .mode(SaveMode.Append)
        .save();
  }
}
