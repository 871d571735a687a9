package dev.userstream.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The job in-process against the real Kafka and Cassandra of the shared test stack. */
class UserStreamJobIT {
  private static final Duration RUN_TIMEOUT = Duration.ofMinutes(5);

  private static LocalStack stack;
  private static SparkSession spark;

  @BeforeAll
  static void start() {
    stack = SharedTestStack.get();
    spark = StackJobs.localSpark("UserStreamJobIT");
  }

  @AfterAll
  static void stop() {
    if (spark != null) {
      spark.stop();
    }
  }

  @Test
  void availableNowStoresEveryRecordOnceAndARerunChangesNothing(@TempDir Path dir)
      throws Exception {
    String topic = SharedTestStack.uniqueName("spark_topic");
    String keyspace = SharedTestStack.uniqueName("spark");
    List<ProducedRecord> records =
        TopicWriter.write(stack.kafka(), topic, 2, TestRecords.mixed(20_000, 1_000, 41));
    ExpectedRows expected = ExpectedRows.of(records, UserTransform.withDefaults());
    PipelineOptions first =
        StackJobs.pipeline(stack, topic, keyspace, dir.resolve("first"))
            .mode(PipelineOptions.Mode.AVAILABLE_NOW)
            .build();

    runToEnd(SparkJobOptions.defaults(first));
    CassandraSchema schema = first.cassandraSchema();
    try (CqlSession session = stack.cassandra().session()) {
      PipelineAssertions.assertExactly(expected, StoredRows.read(session, schema), "spark");
    }

    // A fresh checkpoint reads the whole topic again from earliest: upserts, no new rows.
    PipelineOptions second =
        first.toBuilder()
            .checkpointDir(dir.resolve("second").toString())
            .startingOffsets(PipelineOptions.StartingOffsets.EARLIEST)
            .build();
    runToEnd(SparkJobOptions.defaults(second));
    try (CqlSession session = stack.cassandra().session()) {
      PipelineAssertions.assertExactly(expected, StoredRows.read(session, schema), "spark");
    }

    // The other write path: inserts grouped into unlogged batches of 8, into empty tables.
    PipelineOptions batched =
        first.toBuilder()
            .keyspace(SharedTestStack.uniqueName("spark_batched"))
            .checkpointDir(dir.resolve("batched").toString())
            .build();
    runToEnd(SparkJobOptions.defaults(batched).with(SparkJobOptions.CASSANDRA_BATCH_SIZE, 8));
    try (CqlSession session = stack.cassandra().session()) {
      PipelineAssertions.assertExactly(
          expected, StoredRows.read(session, batched.cassandraSchema()), "spark");
    }
  }

  /** What starting the job with {@code p} throws. */
  private PreflightException preflightFailure(PipelineOptions p) {
    return assertThrows(
        PreflightException.class,
        () -> SparkJobMain.start(spark, SparkJobOptions.defaults(p), new RunTotals(), System.out));
  }

  @Test
  void unreachableKafkaIsOneClearFailure(@TempDir Path dir) throws Exception {
    PipelineOptions p =
        StackJobs.pipeline(stack, "t", "ks_unused", dir)
            .bootstrapServers("127.0.0.1:" + freePort())
            .build();
    long started = System.nanoTime();
    PreflightException e = preflightFailure(p);
    assertTrue(e.getMessage().startsWith("Kafka at 127.0.0.1:"), e.getMessage());
    assertTrue(e.getMessage().contains("is not reachable"), e.getMessage());
    assertFalse(e.getMessage().contains("\n"));
    assertTrue(Duration.ofNanos(System.nanoTime() - started).toSeconds() < 30, "fails fast");
  }

  @Test
  void unreachableCassandraIsOneClearFailure(@TempDir Path dir) throws Exception {
    PipelineOptions p =
        StackJobs.pipeline(stack, SharedTestStack.uniqueName("spark_topic"), "ks_unused", dir)
            .cassandraPort(freePort())
            .build();
    PreflightException e = preflightFailure(p);
    assertTrue(
        e.getMessage().startsWith("Cassandra is not reachable at 127.0.0.1:"), e.getMessage());
    assertFalse(e.getMessage().contains("\n"));
  }

  @Test
  void mainExitsOneWithOneLineWhenKafkaIsDown(@TempDir Path dir) throws Exception {
    Path log = dir.resolve("job.log");
    Process job =
        StackJobs.startJobJvm(
            SparkJobMain.class.getName(),
            List.of(
                "--bootstrap-servers=127.0.0.1:" + freePort(),
                "--cassandra-port=" + stack.config().cassandraPort(),
                "--checkpoint-dir=" + dir.resolve("cp")),
            log);
    assertEquals(1, StackJobs.await(job, Duration.ofMinutes(2), log), StackJobs.tail(log));
    List<String> errors =
        java.nio.file.Files.readAllLines(log).stream().filter(l -> l.startsWith("error:")).toList();
    assertEquals(1, errors.size(), StackJobs.tail(log));
    assertTrue(errors.get(0).contains("is not reachable within"), errors.get(0));
  }

  private static void runToEnd(SparkJobOptions options) throws Exception {
    StreamingQuery query = SparkJobMain.start(spark, options, new RunTotals(), System.out);
    try {
      assertTrue(query.awaitTermination(RUN_TIMEOUT.toMillis()), "available-now run finished");
    } finally {
      query.stop();
    }
    assertTrue(query.exception().isEmpty(), () -> "query failed: " + query.exception().get());
  }

  private static int freePort() throws Exception {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
