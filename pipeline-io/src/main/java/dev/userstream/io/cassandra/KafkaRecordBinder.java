package dev.userstream.io.cassandra;

import dev.userstream.io.KafkaRecord;
import dev.userstream.model.CassandraSchema;
import dev.userstream.model.CreatedUser;
import dev.userstream.model.Lineage;
import dev.userstream.model.RejectReason;
import dev.userstream.model.RejectedPayload;
import dev.userstream.model.Rejection;
import dev.userstream.model.TransformResult;
import dev.userstream.model.UserTransform;
import java.io.Serializable;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;

/**
 * One Kafka record to the bind values of one Cassandra row, engine-free: common-model's {@link
 * UserTransform} decides user or rejection, {@link CassandraSchema} orders the values, and the
 * record's position becomes the lineage columns. An engine adapter only reads its own record type
 * into {@link #bind}'s arguments.
 */
public final class KafkaRecordBinder implements Serializable {
  private static final long serialVersionUID = 1L;

  /**
   * One row to write: to the users table when {@link #user()}, else to the rejects table; values in
   * the order of that table's insert statement ({@link CassandraSchema#insertUserCql()} or {@link
   * CassandraSchema#insertRejectCql()}), null meaning "no value".
   *
   * @param reason why the record was rejected, null for a user
   */
  public record BoundRow(RejectReason reason, Object[] values) {
    public BoundRow {
      Objects.requireNonNull(values, "values");
    }

    public boolean user() {
      return reason == null;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof BoundRow b && reason == b.reason && Arrays.equals(values, b.values);
    }

    @Override
    public int hashCode() {
      return Objects.hash(reason, Arrays.hashCode(values));
    }

    @Override
    public String toString() {
      return "BoundRow[reason=" + reason + ", values=" + Arrays.toString(values) + "]";
    }
  }

  private final UserTransform transform;
  private final CassandraSchema schema;
  private final String engine;

  /**
   * @param engine the {@code engine} column of every row ("spark", "flink", ...)
   */
  public KafkaRecordBinder(UserTransform transform, CassandraSchema schema, String engine) {
    this.transform = Objects.requireNonNull(transform, "transform");
    this.schema = Objects.requireNonNull(schema, "schema");
    this.engine = Objects.requireNonNull(engine, "engine");
  }

  public CassandraSchema schema() {
    return schema;
  }

  /** {@link #bind(byte[], String, int, long, Instant, Instant)} of a record as read. */
  public BoundRow bind(KafkaRecord record, Instant rejectedAt) {
    return bind(
        record.value(),
        record.topic(),
        record.partition(),
        record.offset(),
        Instant.ofEpochMilli(record.timestamp()),
        rejectedAt);
  }

  /**
   * One Kafka record as a user row or a reject row; never throws for any value.
   *
   * @param value the record's value, null for a tombstone
   * @param timestamp the record's timestamp ({@code event_time}); null only from a broken source
   * @param rejectedAt the {@code rejected_at} of a reject: when the caller judged its records
   */
  public BoundRow bind(
      byte[] value,
      String topic,
      int partition,
      long offset,
      Instant timestamp,
      Instant rejectedAt) {
    Lineage lineage =
        new Lineage(topic, partition, offset, timestamp == null ? Instant.EPOCH : timestamp);
    TransformResult result = transform.apply(value, lineage.eventTime());
    if (result instanceof CreatedUser user) {
      return new BoundRow(null, schema.userBindValues(user, lineage, engine));
    }
    Rejection rejection = (Rejection) result;
    return new BoundRow(
        rejection.code(),
        schema.rejectBindValues(rejection, RejectedPayload.of(value), lineage, engine, rejectedAt));
  }
}
