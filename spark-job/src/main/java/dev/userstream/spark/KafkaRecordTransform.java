package dev.userstream.spark;

import dev.userstream.io.cassandra.KafkaRecordBinder;
import dev.userstream.model.CassandraSchema;
import dev.userstream.model.UserTransform;
import java.io.Serializable;
import java.sql.Timestamp;
import java.time.Instant;
import org.apache.spark.sql.Row;

/**
 * The Spark glue of pipeline-io's {@link KafkaRecordBinder}: reads a Kafka source row's columns
 * into the binder's arguments; the binder (common-model's transformation and schema) does the rest.
 *
 * <p>Input columns, in this order: {@code value, topic, partition, offset, timestamp} (the Kafka
 * source's names, see {@link #INPUT_COLUMNS}).
 */
final class KafkaRecordTransform implements Serializable {
  private static final long serialVersionUID = 3L;

  /** The {@code engine} column of every row this job writes. */
  static final String ENGINE = "spark";

  /** The Kafka source's columns this transform reads, in the order it reads them. */
  static final String[] INPUT_COLUMNS = {"value", "topic", "partition", "offset", "timestamp"};

  private final KafkaRecordBinder binder;

  KafkaRecordTransform(UserTransform transform, CassandraSchema schema) {
    this.binder = new KafkaRecordBinder(transform, schema, ENGINE);
  }

  /**
   * One Kafka record as a user row or a reject row; never throws for any value.
   *
   * @param rejectedAt the {@code rejected_at} of a reject: when the task judged its records
   */
  KafkaRecordBinder.BoundRow bind(Row record, Instant rejectedAt) {
    Timestamp timestamp = record.getTimestamp(4);
    return binder.bind(
        record.isNullAt(0) ? null : (byte[]) record.get(0),
        record.getString(1),
        record.getInt(2),
        record.getLong(3),
        timestamp == null ? null : timestamp.toInstant(),
        rejectedAt);
  }
}
