package dev.userstream.spark;

import dev.userstream.model.CassandraSchema;
import dev.userstream.model.CreatedUser;
import dev.userstream.model.Lineage;
import dev.userstream.model.RejectedPayload;
import dev.userstream.model.Rejection;
import dev.userstream.model.TransformResult;
import dev.userstream.model.UserTransform;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Iterator;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Turns Kafka records into rows for the two tables by calling common-model's {@link UserTransform}:
 * the only thing Spark adds is lineage and the row shape.
 *
 * <p>Input columns, in this order: {@code value, topic, partition, offset, timestamp} (the Kafka
 * source's names). Output: {@code kind} ({@value #USER} or {@value #REJECT}) and one filled struct,
 * {@code user} or {@code reject}, whose fields are exactly the table's columns.
 */
final class KafkaRecordTransform implements MapPartitionsFunction<Row, Row> {
  private static final long serialVersionUID = 1L;

  /** The {@code engine} column of every row this job writes. */
  static final String ENGINE = "spark";

  static final String KIND = "kind";
  static final String USER = "user";
  static final String REJECT = "reject";

  /** The Kafka source's columns this transform reads, in the order it reads them. */
  static final String[] INPUT_COLUMNS = {"value", "topic", "partition", "offset", "timestamp"};

  private final UserTransform transform;
  private final CassandraSchema schema;

  KafkaRecordTransform(UserTransform transform, CassandraSchema schema) {
    this.transform = transform;
    this.schema = schema;
  }

  /** The output rows' schema: kind, user struct, reject struct. */
  static StructType outputSchema(CassandraSchema schema) {
    return DataTypes.createStructType(
        new org.apache.spark.sql.types.StructField[] {
          DataTypes.createStructField(KIND, DataTypes.StringType, false),
          DataTypes.createStructField(USER, CassandraRows.usersStruct(schema), true),
          DataTypes.createStructField(REJECT, CassandraRows.rejectsStruct(schema), true)
        });
  }

  @Override
  public Iterator<Row> call(Iterator<Row> records) {
    // One rejected_at per partition of a batch: the moment this task judged the records.
    Instant rejectedAt = Instant.now();
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        return records.hasNext();
      }

      @Override
      public Row next() {
        return convert(records.next(), rejectedAt);
      }
    };
  }

  /** One Kafka record as a user row or a reject row; never throws for any value. */
  Row convert(Row record, Instant rejectedAt) {
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
      Row userRow = CassandraRows.row(schema.userBindValues(user, lineage, ENGINE));
      return RowFactory.create(USER, userRow, null);
    }
    Rejection rejection = (Rejection) result;
    RejectedPayload payload = RejectedPayload.of(value);
    Row rejectRow =
        CassandraRows.row(schema.rejectBindValues(rejection, payload, lineage, ENGINE, rejectedAt));
    return RowFactory.create(REJECT, null, rejectRow);
  }
}
