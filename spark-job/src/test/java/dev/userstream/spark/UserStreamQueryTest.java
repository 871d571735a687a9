package dev.userstream.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.execution.streaming.MemoryStream;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import scala.collection.JavaConverters;

/**
 * The production query ({@link UserStreamJob#query}) without services: a MemoryStream of rows
 * shaped like the Kafka source's, mixed valid and malformed, into a collecting {@link RowSink}.
 * Every record must come out exactly once, as the user or the rejection that common-model says.
 */
class UserStreamQueryTest {

  /** What the sink saw; executors of local[2] run in this JVM. */
  private static final Queue<BoundRow> COLLECTED = new ConcurrentLinkedQueue<>();

  private static SparkSession spark;

  @BeforeAll
  static void startSpark() {
    spark = StackJobs.localSpark("UserStreamQueryTest");
  }

  @AfterAll
  static void stopSpark() {
    spark.stop();
  }

  @Test
  void everyRecordBecomesExactlyOneUserOrRejection(@TempDir Path dir) throws Exception {
    List<byte[]> values = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      values.add(TestUsers.raw(i).bytes());
      values.add(TestUsers.flat(i).bytes());
    }
    TestUsers.badSamples().values().forEach(values::add);
    values.add(null); // a tombstone
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
    PipelineOptions p =
        PipelineOptions.builder()
            .mode(PipelineOptions.Mode.CONTINUOUS)
            .checkpointDir(dir.toString())
            .build();

    MemoryStream<Row> input =
        MemoryStream.apply(Encoders.row(StackJobs.KAFKA_SCHEMA), spark.sqlContext());
    RowSink collecting = batch -> batch.forEachRemaining(COLLECTED::add);
    RunTotals totals = new RunTotals();
    StreamingQuery query =
        UserStreamJob.query(input.toDF(), SparkJobOptions.defaults(p), collecting, totals).start();
    try {
      // Two micro-batches, so the query's progress across batches is part of the test.
      int half = rows.size() / 2;
      input.addData(JavaConverters.asScalaBuffer(rows.subList(0, half)).toSeq());
      query.processAllAvailable();
      input.addData(JavaConverters.asScalaBuffer(rows.subList(half, rows.size())).toSeq());
      query.processAllAvailable();
    } finally {
      query.stop();
    }

    assertEquals(expected(values), actual(p.cassandraSchema()));
    long users = COLLECTED.stream().filter(BoundRow::user).count();
    assertEquals(80, users, "40 raw and 40 flat users");
    assertTrue(COLLECTED.size() > users, "and every malformed record as a rejection");
    assertEquals(users, totals.users(), "the run's totals: every batch added");
    assertEquals(values.size() - users, totals.rejections());
  }

  /** Offset -> user id or reject reason, as common-model decides each value. */
  private static Map<Long, String> expected(List<byte[]> values) {
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

  /** Offset -> user id or reject reason, as the sink received them; a duplicate fails. */
  private static Map<Long, String> actual(CassandraSchema schema) {
    Map<Long, String> actual = new TreeMap<>();
    for (BoundRow row : COLLECTED) {
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
