package dev.userstream.spark;

import dev.userstream.io.PipelineOptions;
import dev.userstream.io.RunTotals;
import dev.userstream.io.cassandra.KafkaRecordBinder;
import java.nio.file.Path;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.execution.streaming.MemoryStream;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import scala.collection.JavaConverters;

/**
 * The production query ({@link UserStreamJob#query}) without services: a MemoryStream of rows
 * shaped like the Kafka source's, mixed valid and malformed, into a collecting {@link RowSink}.
 * Every record must come out exactly once, as the user or the rejection that common-model says.
 */
class UserStreamQueryTest extends LocalSparkTest {

  /** What the sink saw; executors of local[2] run in this JVM. */
  private static final Queue<KafkaRecordBinder.BoundRow> COLLECTED = new ConcurrentLinkedQueue<>();

  @Test
  void everyRecordBecomesExactlyOneUserOrRejection(@TempDir Path dir) throws Exception {
    List<byte[]> values = QueryRecords.values();
    List<Row> rows = QueryRecords.kafkaRows(values);
    PipelineOptions p = QueryRecords.options(PipelineOptions.Mode.CONTINUOUS, dir);

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

    QueryRecords.assertExactlyOnce(values, COLLECTED, totals, p.cassandraSchema());
  }
}
