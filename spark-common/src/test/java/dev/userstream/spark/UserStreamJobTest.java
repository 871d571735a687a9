package dev.userstream.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.userstream.io.PipelineOptions;
import dev.userstream.io.cassandra.KafkaRecordBinder;
import dev.userstream.model.CassandraSchema;
import dev.userstream.model.CreatedUser;
import dev.userstream.model.Lineage;
import dev.userstream.model.RejectReason;
import dev.userstream.model.TestUsers;
import dev.userstream.model.UserTransform;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.junit.jupiter.api.Test;

/**
 * The Spark plumbing on {@code local[2]} without services: a static DataFrame shaped like the Kafka
 * source's output goes through the job's own column selection and, row by row, the bind step the
 * partition writer runs before each insert.
 */
class UserStreamJobTest extends LocalSparkTest {

  private static final Instant T0 = Instant.parse("2024-05-01T12:00:00.123Z");
  private static final PipelineOptions OPTIONS = PipelineOptions.defaults();
  private static final CassandraSchema SCHEMA = OPTIONS.cassandraSchema();

  @Test
  void splitsUsersFromRejectionsWithLineage() {
    List<Row> kafka = new ArrayList<>();
    kafka.add(record(TestUsers.raw().bytes(), 0, 10));
    kafka.add(record(TestUsers.flat().bytes(), 1, 11));
    kafka.add(record(TestUsers.bad(RejectReason.INVALID_EMAIL), 0, 12));
    kafka.add(record(TestUsers.bad(RejectReason.NOT_JSON), 1, 13));
    kafka.add(record(null, 0, 14)); // a tombstone

    List<KafkaRecordBinder.BoundRow> rows = bind(kafka, OPTIONS);
    List<Object[]> users = rows.stream().filter(b -> b.user()).map(b -> b.values()).toList();
    List<Object[]> rejects = rows.stream().filter(b -> !b.user()).map(b -> b.values()).toList();

    assertEquals(2, users.size());
    assertEquals(3, rejects.size());
    Map<String, Object[]> byId = byColumn(users, SCHEMA.userColumns(), "id");
    Object[] raw = byId.get(TestUsers.RAW_ID);
    assertNotNull(raw, "raw user stored under its login.uuid");
    CreatedUser expected =
        (CreatedUser) UserTransform.withDefaults().apply(TestUsers.raw().bytes(), T0);
    assertArrayEquals(
        SCHEMA.userBindValues(expected, new Lineage("users_created", 0, 10, T0), "spark"), raw);
    assertEquals(T0, value(raw, SCHEMA.userColumns(), "event_time"));
    assertEquals("spark", value(raw, SCHEMA.userColumns(), "engine"));
    assertEquals(
        11L,
        value(byId.get(TestUsers.FLAT_ID), SCHEMA.userColumns(), "source_offset"),
        "the flat user keeps its own offset");
  }

  @Test
  void rejectionsCarryPositionReasonAndPayload() {
    byte[] notJson = TestUsers.bad(RejectReason.NOT_JSON);
    byte[] invalidUtf8 = TestUsers.bad(RejectReason.INVALID_UTF8);
    List<Row> kafka = List.of(record(notJson, 2, 7), record(invalidUtf8, 2, 8), record(null, 3, 9));

    List<String> columns = SCHEMA.rejectColumns();
    Map<String, Object[]> byOffset =
        byColumn(
            bind(kafka, OPTIONS).stream().map(b -> b.values()).toList(), columns, "source_offset");

    Object[] text = byOffset.get("7");
    assertEquals("users_created", value(text, columns, "topic"));
    assertEquals(2, value(text, columns, "source_partition"));
    assertEquals(new String(notJson, StandardCharsets.UTF_8), value(text, columns, "raw"));
    assertNull(value(text, columns, "raw_bytes"));
    assertEquals(notJson.length, value(text, columns, "raw_size"));
    assertEquals(false, value(text, columns, "raw_truncated"));
    assertEquals("NOT_JSON", value(text, columns, "reason_code"));
    assertTrue(((String) value(text, columns, "reason")).startsWith("NOT_JSON: "));
    assertEquals(T0, value(text, columns, "event_time"));
    assertNotNull(value(text, columns, "rejected_at"));
    assertEquals("spark", value(text, columns, "engine"));

    Object[] binary = byOffset.get("8");
    assertNull(value(binary, columns, "raw"));
    assertEquals(ByteBuffer.wrap(invalidUtf8), value(binary, columns, "raw_bytes"));
    assertEquals("INVALID_UTF8", value(binary, columns, "reason_code"));
  }

  @Test
  void tombstoneBecomesAnEmptyValueRejection() {
    List<KafkaRecordBinder.BoundRow> rows = bind(List.of(record(null, 0, 42)), OPTIONS);

    assertEquals(1, rows.size());
    assertFalse(rows.get(0).user());
    List<String> columns = SCHEMA.rejectColumns();
    Object[] tombstone = rows.get(0).values();
    assertEquals("EMPTY_VALUE", value(tombstone, columns, "reason_code"));
    assertNull(value(tombstone, columns, "raw"));
    assertNull(value(tombstone, columns, "raw_bytes"));
    assertEquals(0, value(tombstone, columns, "raw_size"));
    assertEquals(42L, value(tombstone, columns, "source_offset"));
  }

  @Test
  void maxRecordBytesComesFromTheOptions() {
    PipelineOptions small = PipelineOptions.builder().maxRecordBytes(100).build();
    List<KafkaRecordBinder.BoundRow> rows =
        bind(List.of(record(TestUsers.raw().bytes(), 0, 1)), small);

    assertEquals("TOO_LARGE", value(rows.get(0).values(), SCHEMA.rejectColumns(), "reason_code"));
  }

  /** The job's own column selection on Spark, then the writer's bind step on each row. */
  private static List<KafkaRecordBinder.BoundRow> bind(List<Row> kafka, PipelineOptions p) {
    List<Row> selected = frame(kafka).selectExpr(UserStreamJob.INPUT_COLUMNS).collectAsList();
    KafkaRecordBinder binder = UserStreamJob.binder("spark", p);
    Instant rejectedAt = Instant.now();
    return selected.stream().map(r -> UserStreamJob.bind(binder, r, rejectedAt)).toList();
  }

  private static Row record(byte[] value, int partition, long offset) {
    return RowFactory.create(
        null, value, "users_created", partition, offset, Timestamp.from(T0), 0);
  }

  private static Dataset<Row> frame(List<Row> rows) {
    return spark.createDataFrame(rows, StackJobs.KAFKA_SCHEMA);
  }

  private static Object value(Object[] row, List<String> columns, String column) {
    int i = columns.indexOf(column);
    assertTrue(i >= 0, "no column " + column);
    return row[i];
  }

  private static Map<String, Object[]> byColumn(
      List<Object[]> rows, List<String> columns, String column) {
    return rows.stream()
        .collect(
            Collectors.toMap(r -> String.valueOf(value(r, columns, column)), Function.identity()));
  }
}
