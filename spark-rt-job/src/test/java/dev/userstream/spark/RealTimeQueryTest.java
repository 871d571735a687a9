package dev.userstream.spark;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.userstream.io.Failures;
import dev.userstream.io.PipelineOptions;
import dev.userstream.io.RunTotals;
import dev.userstream.io.cassandra.KafkaRecordBinder.BoundRow;
import dev.userstream.spark.RowWriters.RowWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.execution.streaming.runtime.MemoryStream;
import org.apache.spark.sql.execution.streaming.sources.LowLatencyMemoryStream;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.StreamingQueryException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Both production queries of the Spark 4 job without services, on Spark's in-memory sources with a
 * collecting {@link RowWriters}: Real-Time Mode ({@link RealTimeQuery}) and the {@code
 * available-now} micro-batch query. Every record must come out exactly once, as the user or the
 * rejection that common-model says.
 */
class RealTimeQueryTest extends LocalSparkTest {
  private static final Duration DEADLINE = Duration.ofMinutes(2);

  /** What the writers saw; executors of local[2] run in this JVM. */
  private static final Queue<BoundRow> COLLECTED = new ConcurrentLinkedQueue<>();

  /** When set, the next writer to finish fails, as a write that Cassandra refused would. */
  private static final AtomicBoolean FAIL_NEXT_FINISH = new AtomicBoolean();

  private static final RowWriters COLLECTING =
      () ->
          new RowWriter() {
            @Override
            public void write(BoundRow row) {
              COLLECTED.add(row);
            }

            @Override
            public void finish() {
              if (FAIL_NEXT_FINISH.getAndSet(false)) {
                throw new IllegalStateException("a write failed (the test's)");
              }
            }

            @Override
            public void close() {}
          };

  @BeforeEach
  void clear() {
    COLLECTED.clear();
  }

  @Test
  void realTimeModeWritesEveryRecordOnceAsItArrives(@TempDir Path dir) throws Exception {
    List<byte[]> values = QueryRecords.values();
    List<Row> rows = QueryRecords.kafkaRows(values);
    PipelineOptions p = realTime(dir);
    LowLatencyMemoryStream<Row> input = twoPartitions();
    RunTotals totals = new RunTotals();
    StreamingQuery query =
        RealTimeQuery.start(input.toDF(), SparkRtJobMain.ENGINE, p, COLLECTING, totals);
    try {
      int half = rows.size() / 2;
      input.addData(0, CollectionConverters.asScala(rows.subList(0, half)));
      input.addData(1, CollectionConverters.asScala(rows.subList(half, rows.size())));
      // Written while the epoch still runs: no batch boundary in between.
      await(() -> COLLECTED.size() >= values.size(), query, "every record written");
      // The totals grow when an epoch ends (every 5 s here).
      await(
          () -> totals.users() + totals.rejections() >= values.size(),
          query,
          "an epoch's rows in the totals");
    } finally {
      query.stop();
    }

    QueryRecords.assertExactlyOnce(values, COLLECTED, totals, p.cassandraSchema());
  }

  @Test
  void aWriteThatFailsAtTheEpochsEndFailsTheQueryAndTheEpochIsReadAgain(@TempDir Path dir)
      throws Exception {
    List<byte[]> values = QueryRecords.values();
    List<Row> rows = QueryRecords.kafkaRows(values);
    PipelineOptions p = realTime(dir);
    LowLatencyMemoryStream<Row> input = twoPartitions();
    FAIL_NEXT_FINISH.set(true);
    StreamingQuery failing =
        RealTimeQuery.start(input.toDF(), SparkRtJobMain.ENGINE, p, COLLECTING, new RunTotals());
    input.addData(0, CollectionConverters.asScala(rows));

    StreamingQueryException failed =
        assertThrows(
            StreamingQueryException.class, () -> failing.awaitTermination(DEADLINE.toMillis()));
    assertTrue(
        Failures.describe(failed).contains("a write failed (the test's)"),
        Failures.describe(failed));

    // The same checkpoint: the failed epoch was not committed, so every record comes again.
    COLLECTED.clear();
    RunTotals totals = new RunTotals();
    StreamingQuery query =
        RealTimeQuery.start(input.toDF(), SparkRtJobMain.ENGINE, p, COLLECTING, totals);
    try {
      await(
          () -> totals.users() + totals.rejections() >= values.size(),
          query,
          "the epoch read again and committed");
    } finally {
      query.stop();
    }
    QueryRecords.assertExactlyOnce(values, COLLECTED, totals, p.cassandraSchema());
  }

  @Test
  void availableNowWritesWhatTheSourceHoldsAndStops(@TempDir Path dir) throws Exception {
    List<byte[]> values = QueryRecords.values();
    PipelineOptions p = QueryRecords.options(PipelineOptions.Mode.AVAILABLE_NOW, dir);
    MemoryStream<Row> input =
        MemoryStream.apply(Encoders.row(StackJobs.KAFKA_SCHEMA), spark.sqlContext());
    input.addData(CollectionConverters.asScala(QueryRecords.kafkaRows(values)).toSeq());
    RunTotals totals = new RunTotals();
    StreamingQuery query =
        UserStreamJob.query(
                input.toDF(),
                SparkRtJobMain.ENGINE,
                SparkJobOptions.defaults(p),
                COLLECTING.asRowSink(),
                totals)
            .start();
    try {
      assertTrue(query.awaitTermination(DEADLINE.toMillis()), "available-now run finished");
    } finally {
      query.stop();
    }

    assertTrue(query.exception().isEmpty(), () -> "query failed: " + query.exception().get());
    QueryRecords.assertExactlyOnce(values, COLLECTED, totals, p.cassandraSchema());
  }

  /** Real-Time Mode options with the shortest checkpoint interval Spark takes. */
  private static PipelineOptions realTime(Path dir) {
    return PipelineOptions.builder()
        .mode(PipelineOptions.Mode.CONTINUOUS)
        .checkpointDir(dir.toString())
        .set(RealTimeOptions.CHECKPOINT_INTERVAL, Duration.ofSeconds(5))
        .build();
  }

  /** A Real-Time Mode source of two partitions: two long-running tasks on local[2]'s two slots. */
  private static LowLatencyMemoryStream<Row> twoPartitions() {
    return LowLatencyMemoryStream.apply(spark, 2, Encoders.row(StackJobs.KAFKA_SCHEMA));
  }

  /** Waits for {@code condition}, failing early with the query's error if it died. */
  private static void await(BooleanSupplier condition, StreamingQuery query, String what)
      throws InterruptedException {
    long end = System.nanoTime() + DEADLINE.toNanos();
    while (!condition.getAsBoolean()) {
      if (query.exception().isDefined()) {
        fail(what + ": the query failed: " + query.exception().get());
      }
      if (System.nanoTime() > end) {
        fail(what + ": not within " + DEADLINE + " (" + COLLECTED.size() + " rows collected)");
      }
      Thread.sleep(50);
    }
  }
}
