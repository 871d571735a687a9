package dev.userstream.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.userstream.io.PipelineOptions;
import dev.userstream.io.RunTotals;
import dev.userstream.io.cassandra.KafkaRecordBinder.BoundRow;
import dev.userstream.model.CassandraSchema;
import dev.userstream.model.CreatedUser;
import dev.userstream.model.RejectReason;
import dev.userstream.model.Rejection;
import dev.userstream.model.TestUsers;
import dev.userstream.model.TransformResult;
import dev.userstream.model.UserTransform;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * What the query tests of both Spark jobs feed a MemoryStream, and what each record must become:
 * valid and malformed values as Kafka-shaped rows, whose offset is their index.
 */
final class QueryRecords {
  /** The valid values among {@link #values()}: 40 raw and 40 flat users. */
  static final int USERS = 80;

  private QueryRecords() {}

  /** A query test's options: {@code mode}, checkpoints in {@code dir}, the rest defaults. */
  static PipelineOptions options(PipelineOptions.Mode mode, Path dir) {
    return PipelineOptions.builder().mode(mode).checkpointDir(dir.toString()).build();
  }

  /** 40 raw and 40 flat users, every malformed sample of common-model, and a tombstone. */
  static List<byte[]> values() {
    List<byte[]> values = new ArrayList<>();
    for (int i = 0; i < USERS / 2; i++) {
      values.add(TestUsers.raw(i).bytes());
      values.add(TestUsers.flat(i).bytes());
    }
    TestUsers.badSamples().values().forEach(values::add);
    values.add(null); // a tombstone
    return values;
  }

  /** {@code values} as rows of {@link StackJobs#KAFKA_SCHEMA}, over partitions 0 to 2. */
  static List<Row> kafkaRows(List<byte[]> values) {
    List<Row> rows = new ArrayList<>();
    for (int offset = 0; offset < values.size(); offset++) {
      rows.add(
          RowFactory.create(
              null,
              values.get(offset),
              "users_created",
              offset % 3,
              (long) offset,
              Timestamp.from(TestUsers.EVENT_TIME),
              0));
    }
    return rows;
  }

  /** Offset -> user id or reject reason, as common-model decides each value. */
  static Map<Long, String> expected(List<byte[]> values) {
    UserTransform transform = UserTransform.withDefaults();
    Map<Long, String> expected = new TreeMap<>();
    for (int offset = 0; offset < values.size(); offset++) {
      TransformResult r = transform.apply(values.get(offset), TestUsers.EVENT_TIME);
      expected.put(
          (long) offset,
          r instanceof CreatedUser u ? "user " + u.id() : "reject " + ((Rejection) r).code());
    }
    return expected;
  }

  /**
   * Asserts that {@code collected} holds each of {@code values} exactly once, as common-model
   * decides it, and that {@code totals} counted them.
   */
  static void assertExactlyOnce(
      List<byte[]> values, Collection<BoundRow> collected, RunTotals totals, CassandraSchema s) {
    assertEquals(expected(values), actual(collected, s));
    long users = collected.stream().filter(BoundRow::user).count();
    assertEquals(USERS, users, "40 raw and 40 flat users");
    assertEquals(users, totals.users(), "the run's totals");
    assertEquals(values.size() - users, totals.rejections());
  }

  /** Offset -> user id or reject reason, as a sink received them; a duplicate fails. */
  static Map<Long, String> actual(Collection<BoundRow> rows, CassandraSchema schema) {
    Map<Long, String> actual = new TreeMap<>();
    for (BoundRow row : rows) {
      List<String> columns = row.user() ? schema.userColumns() : schema.rejectColumns();
      long offset = (Long) row.values()[columns.indexOf("source_offset")];
      String what =
          row.user()
              ? "user " + row.values()[columns.indexOf("id")]
              : "reject "
                  + RejectReason.valueOf((String) row.values()[columns.indexOf("reason_code")]);
      assertEquals(null, actual.put(offset, what), "offset " + offset + " written twice");
    }
    return actual;
  }
}
