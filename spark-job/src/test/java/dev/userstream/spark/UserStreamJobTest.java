package dev.userstream.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.userstream.model.CassandraSchema;
import dev.userstream.model.CreatedUser;
import dev.userstream.model.Lineage;
import dev.userstream.model.PipelineOptions;
import dev.userstream.model.RejectReason;
import dev.userstream.model.TestUsers;
import dev.userstream.model.UserTransform;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Spark plumbing on {@code local[2]} without services: a static DataFrame shaped like the Kafka
 * source's output goes through the job's own transform and split.
 */
class UserStreamJobTest {
  /** The Kafka source's schema (Spark 3.5, without headers). */
  private static final StructType KAFKA_SCHEMA =
      DataTypes.createStructType(
          List.of(
              DataTypes.createStructField("key", DataTypes.BinaryType, true),
              DataTypes.createStructField("value", DataTypes.BinaryType, true),
              DataTypes.createStructField("topic", DataTypes.StringType, true),
              DataTypes.createStructField("partition", DataTypes.IntegerType, true),
              DataTypes.createStructField("offset", DataTypes.LongType, true),
              DataTypes.createStructField("timestamp", DataTypes.TimestampType, true),
              DataTypes.createStructField("timestampType", DataTypes.IntegerType, true)));

  private static final Instant T0 = Instant.parse("2024-05-01T12:00:00.123Z");
  private static final PipelineOptions OPTIONS = PipelineOptions.defaults();
  private static final CassandraSchema SCHEMA = OPTIONS.cassandraSchema();

  private static SparkSession spark;

  @BeforeAll
  static void startSpark() {
    spark =
        SparkSession.builder()
            .master("local[2]")
            .appName("UserStreamJobTest")
            .config("spark.ui.enabled", "false")
            .config("spark.driver.bindAddress", "127.0.0.1")
            .config("spark.driver.host", "127.0.0.1")
            .config("spark.sql.shuffle.partitions", "2")
            .getOrCreate();
  }

  @AfterAll
  static void stopSpark() {
    spark.stop();
  }

  @Test
  void splitsUsersFromRejectionsWithLineage() {
    List<Row> kafka = new ArrayList<>();
    kafka.add(record(TestUsers.raw().bytes(), 0, 10));
    kafka.add(record(TestUsers.flat().bytes(), 1, 11));
    kafka.add(record(TestUsers.bad(RejectReason.INVALID_EMAIL), 0, 12));
    kafka.add(record(TestUsers.bad(RejectReason.NOT_JSON), 1, 13));
    kafka.add(record(null, 0, 14)); // a tombstone

    Dataset<Row> transformed = UserStreamJob.transform(frame(kafka), OPTIONS).cache();
    List<Row> users = UserStreamJob.users(transformed).collectAsList();
    List<Row> rejects = UserStreamJob.rejects(transformed).collectAsList();

    assertEquals(2, users.size());
    assertEquals(3, rejects.size());
    assertEquals(SCHEMA.userColumns(), List.of(UserStreamJob.users(transformed).columns()));
    assertEquals(SCHEMA.rejectColumns(), List.of(UserStreamJob.rejects(transformed).columns()));

    Map<String, Row> byId = byColumn(users, "id");
    Row raw = byId.get(TestUsers.RAW_ID);
    assertNotNull(raw, "raw user stored under its login.uuid");
    CreatedUser expected =
        (CreatedUser) UserTransform.withDefaults().apply(TestUsers.raw().bytes(), T0);
    Object[] bind =
        SCHEMA.userBindValues(expected, new Lineage("users_created", 0, 10, T0), "spark");
    for (int i = 0; i < bind.length; i++) {
      Object want =
          bind[i] instanceof UUID || bind[i] instanceof Instant
              ? CassandraRows.row(new Object[] {bind[i]}).get(0)
              : bind[i];
      assertEquals(want, raw.get(i), "column " + SCHEMA.userColumns().get(i));
    }
    assertEquals(Timestamp.from(T0), raw.getAs("event_time"));
    assertEquals("users_created", raw.getAs("source_topic"));
    assertEquals(0, (int) raw.getAs("source_partition"));
    assertEquals(10L, (long) raw.getAs("source_offset"));
    assertEquals("spark", raw.getAs("engine"));
    assertEquals(11L, (long) byId.get(TestUsers.FLAT_ID).getAs("source_offset"));
  }

  @Test
  void rejectionsCarryPositionReasonAndPayload() {
    byte[] notJson = TestUsers.bad(RejectReason.NOT_JSON);
    byte[] invalidUtf8 = TestUsers.bad(RejectReason.INVALID_UTF8);
    List<Row> kafka = List.of(record(notJson, 2, 7), record(invalidUtf8, 2, 8), record(null, 3, 9));

    List<Row> rejects =
        UserStreamJob.rejects(UserStreamJob.transform(frame(kafka), OPTIONS)).collectAsList();
    Map<String, Row> byOffset = byColumn(rejects, "source_offset");

    Row text = byOffset.get("7");
    assertEquals("users_created", text.getAs("topic"));
    assertEquals(2, (int) text.getAs("source_partition"));
    assertEquals(new String(notJson, StandardCharsets.UTF_8), text.getAs("raw"));
    assertNull(text.getAs("raw_bytes"));
    assertEquals(notJson.length, (int) text.getAs("raw_size"));
    assertFalse((boolean) text.getAs("raw_truncated"));
    assertEquals("NOT_JSON", text.getAs("reason_code"));
    assertTrue(((String) text.getAs("reason")).startsWith("NOT_JSON: "));
    assertEquals(Timestamp.from(T0), text.getAs("event_time"));
    assertNotNull(text.getAs("rejected_at"));
    assertEquals("spark", text.getAs("engine"));

    Row binary = byOffset.get("8");
    assertNull(binary.getAs("raw"));
    assertArrayEquals(invalidUtf8, (byte[]) binary.getAs("raw_bytes"));
    assertEquals("INVALID_UTF8", binary.getAs("reason_code"));
  }

  @Test
  void tombstoneBecomesAnEmptyValueRejection() {
    List<Row> rejects =
        UserStreamJob.rejects(UserStreamJob.transform(frame(List.of(record(null, 0, 42))), OPTIONS))
            .collectAsList();

    assertEquals(1, rejects.size());
    Row tombstone = rejects.get(0);
    assertEquals("EMPTY_VALUE", tombstone.getAs("reason_code"));
    assertNull(tombstone.getAs("raw"));
    assertNull(tombstone.getAs("raw_bytes"));
    assertEquals(0, (int) tombstone.getAs("raw_size"));
    assertEquals(42L, (long) tombstone.getAs("source_offset"));
  }

  @Test
  void maxRecordBytesComesFromTheOptions() {
    PipelineOptions small = PipelineOptions.builder().maxRecordBytes(100).build();
    List<Row> rejects =
        UserStreamJob.rejects(
                UserStreamJob.transform(
                    frame(List.of(record(TestUsers.raw().bytes(), 0, 1))), small))
            .collectAsList();

    assertEquals("TOO_LARGE", rejects.get(0).getAs("reason_code"));
  }

  @Test
  void checkpointIsPerEngineKeyspaceAndTopic() {
    PipelineOptions p =
        PipelineOptions.builder().checkpointDir("/data/cp/").keyspace("ks").topic("t.1").build();
    assertEquals("/data/cp/spark/ks.t.1", UserStreamJob.checkpointLocation(p));
  }

  private static Row record(byte[] value, int partition, long offset) {
    return RowFactory.create(
        null, value, "users_created", partition, offset, Timestamp.from(T0), 0);
  }

  private static Dataset<Row> frame(List<Row> rows) {
    return spark.createDataFrame(rows, KAFKA_SCHEMA);
  }

  private static Map<String, Row> byColumn(List<Row> rows, String column) {
    return rows.stream()
        .collect(
            Collectors.toMap(r -> String.valueOf((Object) r.getAs(column)), Function.identity()));
  }
}
