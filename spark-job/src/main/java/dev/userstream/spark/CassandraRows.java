package dev.userstream.spark;

import dev.userstream.model.CassandraSchema;
import java.nio.ByteBuffer;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The Spark shape of the two Cassandra tables, read from common-model's own DDL so that a column
 * added there cannot be forgotten here, and the conversion of common-model's bind values into Spark
 * row values.
 *
 * <p>Spark has no UUID type: ids travel as text and the connector converts them to {@code uuid}.
 */
final class CassandraRows {
  /** CQL types the schema uses and the Spark types that the connector writes into them. */
  private static final Map<String, DataType> SPARK_TYPES =
      Map.of(
          "uuid", DataTypes.StringType,
          "text", DataTypes.StringType,
          "int", DataTypes.IntegerType,
          "bigint", DataTypes.LongType,
          "timestamp", DataTypes.TimestampType,
          "blob", DataTypes.BinaryType,
          "boolean", DataTypes.BooleanType);

  private CassandraRows() {}

  /** {@code created_users} as a Spark struct, columns in {@link CassandraSchema#userColumns()}. */
  static StructType usersStruct(CassandraSchema schema) {
    return struct(schema.createUsersTableCql(), schema.userColumns());
  }

  /** {@code rejected_users} as a Spark struct, in {@link CassandraSchema#rejectColumns()} order. */
  static StructType rejectsStruct(CassandraSchema schema) {
    return struct(schema.createRejectsTableCql(), schema.rejectColumns());
  }

  /** A row from bind values: UUID as text, Instant as Timestamp, ByteBuffer as bytes. */
  static Row row(Object[] bindValues) {
    Object[] values = new Object[bindValues.length];
    for (int i = 0; i < bindValues.length; i++) {
      values[i] = sparkValue(bindValues[i]);
    }
    return RowFactory.create(values);
  }

  private static Object sparkValue(Object value) {
    if (value instanceof UUID uuid) {
      return uuid.toString();
    }
    if (value instanceof Instant instant) {
      return Timestamp.from(instant);
    }
    if (value instanceof ByteBuffer buffer) {
      ByteBuffer copy = buffer.duplicate();
      byte[] bytes = new byte[copy.remaining()];
      copy.get(bytes);
      return bytes;
    }
    return value;
  }

  /**
   * Reads {@code name type} pairs from a {@code CREATE TABLE ... (col type, ..., PRIMARY KEY (..))}
   * statement and checks they are exactly {@code columns}, in order.
   */
  private static StructType struct(String createTableCql, List<String> columns) {
    int open = createTableCql.indexOf('(');
    int key = createTableCql.indexOf(", PRIMARY KEY");
    if (open < 0 || key < open) {
      throw new IllegalStateException("unexpected CQL from common-model: " + createTableCql);
    }
    List<StructField> fields = new ArrayList<>();
    for (String definition : createTableCql.substring(open + 1, key).split(",")) {
      String[] parts = definition.strip().split("\\s+");
      DataType type = SPARK_TYPES.get(parts[1].toLowerCase(Locale.ROOT));
      if (parts.length != 2 || type == null) {
        throw new IllegalStateException(
            "column '" + definition.strip() + "' has a CQL type the Spark job does not map");
      }
      fields.add(DataTypes.createStructField(parts[0], type, true));
    }
    StructType struct = DataTypes.createStructType(fields);
    if (!List.of(struct.fieldNames()).equals(columns)) {
      throw new IllegalStateException(
          "DDL columns " + List.of(struct.fieldNames()) + " differ from " + columns);
    }
    return struct;
  }
}
