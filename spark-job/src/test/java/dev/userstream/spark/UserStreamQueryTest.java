package dev.userstream.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.userstream.io.PipelineOptions;
import dev.userstream.io.RunTotals;
import dev.userstream.io.cassandra.KafkaRecordBinder.BoundRow;
import java.nio.file.Path;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
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
    List<byte[]> values = QueryRecords.values();
    List<Row> rows = QueryRecords.kafkaRows(values);
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
        UserStreamJob.query(
                input.toDF(), SparkJobMain.ENGINE, SparkJobOptions.defaults(p), collecting, totals)
            .start();
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

    assertEquals(
        QueryRecords.expected(values), QueryRecords.actual(COLLECTED, p.cassandraSchema()));
    long users = COLLECTED.stream().filter(BoundRow::user).count();
    assertEquals(QueryRecords.USERS, users, "40 raw and 40 flat users");
    assertTrue(COLLECTED.size() > users, "and every malformed record as a rejection");
    assertEquals(users, totals.users(), "the run's totals: every batch added");
    assertEquals(values.size() - users, totals.rejections());
  }
}
