package dev.userstream.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.datastax.oss.driver.api.core.CqlSession;
import dev.userstream.io.PipelineOptions;
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
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shaded jar under a real Spark 4 {@code spark-submit} (the pinned pyspark 4.2.0, a plain Spark
 * 4.2 Scala 2.13 installation): proves the jar carries the Kafka source, kafka-clients and the
 * Cassandra driver, and nothing that clashes with Spark's own libraries (its relocated Jackson
 * beside Spark's, its driver's Netty beside Spark's).
 */
class SparkRtSubmitIT {
  @Test
  void shadedJarRunsAvailableNowUnderSpark4SparkSubmit(@TempDir Path dir) throws Exception {
    LocalStack stack = SharedTestStack.get();
    String topic = SharedTestStack.uniqueName("spark_rt_submit");
    List<ProducedRecord> records =
        TopicWriter.write(stack.kafka(), topic, 2, TestRecords.mixed(5_000, 250, 44));
    PipelineOptions p =
        StackJobs.pipeline(
                stack, topic, SharedTestStack.uniqueName("spark_rt_submit"), dir.resolve("ckpt"))
            .mode(PipelineOptions.Mode.AVAILABLE_NOW)
            .build();

    int exit =
        SparkSubmitRun.run("spark4", List.of(), SparkRtJobMain.class.getName(), p.toArgs(), dir);

    Path log = SparkSubmitRun.log(dir);
    assertEquals(0, exit, StackJobs.tail(log));
    // Not held quiet yet: under Spark 4's spark-submit the job's log4j2 config does not replace
    // Spark's INFO default (about 650 lines a run), unlike Spark 3.5's (SparkSubmitIT).
    assertTrue(
        Files.readString(log).contains("spark-rt-job: finished in "),
        "the run's summary line\n" + StackJobs.tail(log));
    try (CqlSession session = stack.cassandra().session()) {
      PipelineAssertions.assertExactly(
          ExpectedRows.of(records, UserTransform.withDefaults()),
          StoredRows.read(session, p.cassandraSchema()),
          SparkRtJobMain.ENGINE);
    }
  }
}
