package dev.userstream.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shaded jar under a real Spark 4 {@code spark-submit} (the pinned pyspark 4.2.0, a plain Spark
 * 4.2 Scala 2.13 installation): proves the jar carries the Kafka source, kafka-clients and the
 * Cassandra driver, and nothing that clashes with Spark's own libraries (its relocated Jackson
 * beside Spark's, its driver's Netty beside Spark's), and that a clean run prints a few lines (no
 * Spark INFO flood, no stack trace) ending with its summary, as spark-job's {@code SparkSubmitIT}
 * holds it under Spark 3.5.
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

    assertEquals(0, exit, StackJobs.tail(SparkSubmitRun.log(dir)));
    SparkSubmitRun.assertQuiet(dir, "spark-rt-job: finished in ");
    try (CqlSession session = stack.cassandra().session()) {
      PipelineAssertions.assertExactly(
          ExpectedRows.of(records, UserTransform.withDefaults()),
          StoredRows.read(session, p.cassandraSchema()),
          SparkRtJobMain.ENGINE);
    }
  }

  @Test
  void aLog4jConfigInSparkConfDirIsKept(@TempDir Path dir) throws Exception {
    SparkSubmitRun.assertUsersConfigWins("spark4", SparkRtJobMain.class.getName(), dir);
  }
}
