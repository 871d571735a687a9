package dev.userstream.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.datastax.oss.driver.api.core.CqlSession;
import dev.userstream.io.PipelineOptions;
import dev.userstream.model.UserTransform;
import dev.userstream.stack.LocalStack;
import dev.userstream.stack.SharedTestStack;
import dev.userstream.stack.StackConfig;
import dev.userstream.stack.pipeline.ExpectedRows;
import dev.userstream.stack.pipeline.PipelineAssertions;
import dev.userstream.stack.pipeline.ProducedRecord;
import dev.userstream.stack.pipeline.StoredRows;
import dev.userstream.stack.pipeline.TestRecords;
import dev.userstream.stack.pipeline.TopicWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shaded jar under a real {@code spark-submit} (the pinned pyspark wheel, a plain Spark 3.5.7
 * Scala 2.12 installation): proves the jar carries its connectors and nothing that clashes with
 * Spark's own libraries, that {@code --conf spark.cassandra.*} settings reach the executors, and
 * that a clean run prints a few lines (no Spark INFO flood, no stack trace) ending with its
 * summary.
 */
class SparkSubmitIT {
  @Test
  void shadedJarRunsUnderSparkSubmitWithCassandraFromConf(@TempDir Path dir) throws Exception {
    LocalStack stack = SharedTestStack.get();
    String topic = SharedTestStack.uniqueName("spark_submit");
    String keyspace = SharedTestStack.uniqueName("spark_submit");
    List<ProducedRecord> records =
        TopicWriter.write(stack.kafka(), topic, 2, TestRecords.mixed(5_000, 250, 43));
    PipelineOptions p =
        StackJobs.pipeline(stack, topic, keyspace, dir.resolve("checkpoints"))
            .mode(PipelineOptions.Mode.AVAILABLE_NOW)
            .build();
    // Cassandra's address only as the connector's own settings: they must reach the driver's
    // schema check and the executors' writers (a --conf setting was once ignored when writing).
    List<String> jobArgs = new ArrayList<>(p.toArgs());
    jobArgs.removeIf(a -> a.startsWith("--cassandra-host=") || a.startsWith("--cassandra-port="));

    int exit =
        SparkSubmitRun.run(
            "spark",
            List.of(
                "spark.cassandra.connection.host=" + StackConfig.HOST,
                "spark.cassandra.connection.port=" + stack.config().cassandraPort()),
            SparkJobMain.class.getName(),
            jobArgs,
            dir);

    assertEquals(0, exit, StackJobs.tail(SparkSubmitRun.log(dir)));
    SparkSubmitRun.assertQuiet(dir, "spark-job: finished in ");
    try (CqlSession session = stack.cassandra().session()) {
      PipelineAssertions.assertExactly(
          ExpectedRows.of(records, UserTransform.withDefaults()),
          StoredRows.read(session, p.cassandraSchema()),
          "spark");
    }
  }

  @Test
  void aLog4jConfigInSparkConfDirIsKept(@TempDir Path dir) throws Exception {
    SparkSubmitRun.assertUsersConfigWins("spark", SparkJobMain.class.getName(), dir);
  }
}
