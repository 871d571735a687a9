package dev.userstream.spark;

import dev.userstream.model.CassandraSchema;
import dev.userstream.model.CreatedUser;
import dev.userstream.model.Lineage;
import dev.userstream.model.RejectedPayload;
import dev.userstream.model.Rejection;
import dev.userstream.model.TransformResult;
import dev.userstream.model.UserTransform;
import java.io.Serializable;
import java.sql.Timestamp;
import java.time.Instant;
import org.apache.spark.sql.Row;

/**
 * Turns one Kafka record into the bind values of one Cassandra row by calling common-model's {@link
 * UserTransform}: the only thing Spark adds is lineage.
 *
 * <p>Input columns, in this order: {@code value, topic, partition, offset, timestamp} (the Kafka
 * source's names, see {@link #INPUT_COLUMNS}).
 */
final class KafkaRecordTransform implements Serializable {
  private static final long serialVersionUID = 2L;

  /** The {@code engine} column of every row this job writes. */
  static final String ENGINE = "spark";

  /** The Kafka source's columns this transform reads, in the order it reads them. */
  static final String[] INPUT_COLUMNS = {"value", "topic", "partition", "offset", "timestamp"};

  /**
   * One row to write: to {@code created_users} when {@code user}, else to {@code rejected_users};
   * values in the order of the table's insert statement.
   */
  record Bound(boolean user, Object[] values) {}

  private final UserTransform transform;
  private final CassandraSchema schema;

  KafkaRecordTransform(UserTransform transform, CassandraSchema schema) {
    this.transform = transform;
    this.schema = schema;
  }

  /**
   * One Kafka record as a user row or a reject row; never throws for any value.
   *
   * @param rejectedAt the {@code rejected_at} of a reject: when the task judged its records
   */
  Bound bind(Row record, Instant rejectedAt) {
    byte[] value = record.isNullAt(0) ? null : (byte[]) record.get(0);
    Timestamp timestamp = record.getTimestamp(4);
    Lineage lineage =
        new Lineage(
            record.getString(1),
            record.getInt(2),
            record.getLong(3),
            // The Kafka source always sets it; EPOCH only guards a broken source.
            timestamp == null ? Instant.EPOCH : timestamp.toInstant());
    TransformResult result = transform.apply(value, lineage.eventTime());
    if (result instanceof CreatedUser user) {
      return new Bound(true, schema.userBindValues(user, lineage, ENGINE));
    }
    Rejection rejection = (Rejection) result;
    RejectedPayload payload = RejectedPayload.of(value);
    return new Bound(
        false, schema.rejectBindValues(rejection, payload, lineage, ENGINE, rejectedAt));
  }
}
