package dev.userstream.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.datastax.oss.driver.api.core.CqlSession;
import dev.userstream.io.PipelineOptions;
import dev.userstream.io.PreflightException;
import dev.userstream.io.RunTotals;
import dev.userstream.model.CassandraSchema;
import dev.userstream.model.UserTransform;
import dev.userstream.stack.LocalStack;
import dev.userstream.stack.SharedTestStack;
import dev.userstream.stack.pipeline.ExpectedRows;
import dev.userstream.stack.pipeline.PipelineAssertions;
import dev.userstream.stack.pipeline.ProducedRecord;
import dev.userstream.stack.pipeline.StoredRows;
import dev.userstream.stack.pipeline.TestRecords;
import dev.userstream.stack.pipeline.TopicWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Spark 4 job in-process ({@code local[2]}) against the real Kafka and Cassandra of the shared
 * test stack: {@code available-now} and Real-Time Mode, each on a topic of two partitions holding
 * valid and malformed records; every record must land exactly once, as a user or a rejection.
 */
class SparkRtJobIT extends LocalSparkTest {
  private static final Duration DEADLINE = Duration.ofMinutes(5);

  private static LocalStack stack;

  @BeforeAll
  static void startStack() {
    stack = SharedTestStack.get();
  }

  @Test
  void availableNowStoresEveryRecordOnceAndStops(@TempDir Path dir) throws Exception {
    String topic = SharedTestStack.uniqueName("spark_rt_topic");
    List<ProducedRecord> records = produce(topic, 10_000, 500, 61);
    PipelineOptions p = options(topic, dir, PipelineOptions.Mode.AVAILABLE_NOW).build();

    RunTotals totals = new RunTotals();
    StreamingQuery query = start(p, totals);
    try {
      assertTrue(query.awaitTermination(DEADLINE.toMillis()), "available-now run finished");
    } finally {
      query.stop();
    }

    assertTrue(query.exception().isEmpty(), () -> "query failed: " + query.exception().get());
    ExpectedRows expected = ExpectedRows.of(records, UserTransform.withDefaults());
    assertStored(expected, p.cassandraSchema());
    assertEquals(expected.users().size(), totals.users());
    assertEquals(expected.rejects().size(), totals.rejections());
  }

  @Test
  void realTimeModeStoresRecordsOnceAsTheyArriveAcrossEpochs(@TempDir Path dir) throws Exception {
    String topic = SharedTestStack.uniqueName("spark_rt_topic");
    List<ProducedRecord> records = new ArrayList<>(produce(topic, 3_000, 150, 62));
    PipelineOptions p =
        options(topic, dir, PipelineOptions.Mode.CONTINUOUS)
            .set(RealTimeOptions.CHECKPOINT_INTERVAL, Duration.ofSeconds(5))
            .build();
    CassandraSchema schema = p.cassandraSchema();

    RunTotals totals = new RunTotals();
    StreamingQuery query = start(p, totals);
    try {
      awaitStored(records.size(), schema, query);
      // More records while the query runs: its long-running tasks pick them up as they come.
      records.addAll(produce(topic, 3_000, 150, 63));
      awaitStored(records.size(), schema, query);
      // And the epochs end and commit: every row is in a completed epoch's totals.
      long end = System.nanoTime() + DEADLINE.toNanos();
      while (totals.users() + totals.rejections() < records.size() && System.nanoTime() < end) {
        assertFalse(query.exception().isDefined(), () -> "failed: " + query.exception().get());
        Thread.sleep(200);
      }
    } finally {
      query.stop();
    }

    ExpectedRows expected = ExpectedRows.of(records, UserTransform.withDefaults());
    assertStored(expected, schema);
    assertEquals(expected.users().size(), totals.users(), "users in completed epochs");
    assertEquals(expected.rejects().size(), totals.rejections(), "rejects in completed epochs");
  }

  @Test
  void mainRunsInAJvmOfItsOwnAndEndsWithTheRunsCounts(@TempDir Path dir) throws Exception {
    String topic = SharedTestStack.uniqueName("spark_rt_topic");
    List<ProducedRecord> records = produce(topic, 1_000, 50, 64);
    PipelineOptions p = options(topic, dir, PipelineOptions.Mode.AVAILABLE_NOW).build();
    Path log = dir.resolve("job.log");

    // As the CLI starts a job: its main class, plain java, the options as arguments.
    Process job =
        StackJobs.startJobJvm(
            SparkRtJobMain.class.getName(), p.toArgs(RealTimeOptions.OPTIONS), log);
    assertEquals(0, StackJobs.await(job, DEADLINE, log), StackJobs.tail(log));

    List<String> summary =
        Files.readAllLines(log).stream()
            .filter(l -> l.startsWith("spark-rt-job: finished"))
            .toList();
    assertEquals(1, summary.size(), StackJobs.tail(log));
    assertTrue(summary.get(0).contains(": 950 users, 50 rejections ("), summary.get(0));
    assertStored(ExpectedRows.of(records, UserTransform.withDefaults()), p.cassandraSchema());
  }

  @Test
  void realTimeModeRefusesMorePartitionsThanTaskSlots(@TempDir Path dir) throws Exception {
    String topic = SharedTestStack.uniqueName("spark_rt_topic");
    stack.kafka().createTopic(topic, 3);
    PipelineOptions p = options(topic, dir, PipelineOptions.Mode.CONTINUOUS).build();

    PreflightException e = assertThrows(PreflightException.class, () -> start(p, new RunTotals()));
    assertEquals(
        "topic "
            + topic
            + " has 3 partitions but Spark has 2 task slots: Real-Time Mode runs one task per"
            + " partition, all at once (give it at least 3 cores, e.g. --master local[3])",
        e.getMessage());
  }

  /** {@code count} records, {@code bad} of them malformed, into a topic of two partitions. */
  private static List<ProducedRecord> produce(String topic, int count, int bad, long seed) {
    return TopicWriter.write(stack.kafka(), topic, 2, TestRecords.mixed(count, bad, seed));
  }

  /** Options for {@code topic} and a keyspace of its own on the shared stack. */
  private static PipelineOptions.Builder options(
      String topic, Path dir, PipelineOptions.Mode mode) {
    return StackJobs.pipeline(stack, topic, SharedTestStack.uniqueName("spark_rt"), dir).mode(mode);
  }

  private static StreamingQuery start(PipelineOptions p, RunTotals totals) throws Exception {
    return SparkRtJobMain.start(spark, SparkJobOptions.defaults(p), totals, System.out);
  }

  private static void assertStored(ExpectedRows expected, CassandraSchema schema) {
    try (CqlSession session = stack.cassandra().session()) {
      PipelineAssertions.assertExactly(
          expected, StoredRows.read(session, schema), SparkRtJobMain.ENGINE);
    }
  }

  /** Waits until both tables hold {@code rows} rows together, or fails with the query's error. */
  private static void awaitStored(int rows, CassandraSchema schema, StreamingQuery query)
      throws InterruptedException {
    long end = System.nanoTime() + DEADLINE.toNanos();
    try (CqlSession session = stack.cassandra().session()) {
      int stored = 0;
      while (System.nanoTime() < end) {
        if (query.exception().isDefined()) {
          fail("the query failed: " + query.exception().get());
        }
        StoredRows now = StoredRows.read(session, schema);
        stored = now.users().size() + now.rejects().size();
        if (stored >= rows) {
          return;
        }
        Thread.sleep(1_000);
      }
      fail(rows + " rows expected within " + DEADLINE + ", " + stored + " stored");
    }
  }
}
