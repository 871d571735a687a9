package dev.userstream.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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
  private static final Path REPO_ROOT = StackJobs.MODULE_DIR.getParent();

  @Test
  void shadedJarRunsUnderSparkSubmitWithCassandraFromConf(@TempDir Path dir) throws Exception {
    LocalStack stack = SharedTestStack.get();
    Path sparkSubmit = venv().resolve("bin/spark-submit");
    Path jar = Path.of(System.getProperty("userstream.spark.shaded.jar"));
    assertTrue(Files.isRegularFile(jar), "shaded jar built by the package phase: " + jar);

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

    List<String> command = new ArrayList<>();
    command.add(sparkSubmit.toString());
    command.addAll(
        List.of(
            "--master",
            "local[2]",
            "--conf",
            "spark.driver.host=127.0.0.1",
            "--conf",
            "spark.driver.bindAddress=127.0.0.1",
            "--conf",
            "spark.ui.enabled=false",
            "--conf",
            "spark.cassandra.connection.host=" + StackConfig.HOST,
            "--conf",
            "spark.cassandra.connection.port=" + stack.config().cassandraPort(),
            "--class",
            SparkJobMain.class.getName(),
            jar.toString()));
    command.addAll(jobArgs);
    Path log = dir.resolve("spark-submit.log");
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
    builder.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
    // As an activated virtualenv: spark-submit finds its SPARK_HOME with the venv's python.
    builder
        .environment()
        .put("PATH", sparkSubmit.getParent() + ":" + builder.environment().get("PATH"));
    int exit = StackJobs.await(builder.start(), Duration.ofMinutes(5), log);

    assertEquals(0, exit, StackJobs.tail(log));
    // Quiet: Spark at WARN under spark-submit too (SparkLogging), no stack trace of a clean run
    // (the driver's optional native probe logged one), the run's summary last.
    List<String> lines = Files.readAllLines(log);
    assertTrue(lines.size() <= 30, lines.size() + " lines:\n" + String.join("\n", lines));
    assertTrue(
        lines.stream().noneMatch(l -> l.startsWith("\tat ") || l.contains("Exception")),
        String.join("\n", lines));
    assertTrue(
        lines.get(lines.size() - 1).startsWith("spark-job: finished in "),
        String.join("\n", lines));
    try (CqlSession session = stack.cassandra().session()) {
      PipelineAssertions.assertExactly(
          ExpectedRows.of(records, UserTransform.withDefaults()),
          StoredRows.read(session, p.cassandraSchema()),
          "spark");
    }
  }

  /** The project's pinned pyspark virtualenv (created on first use, minutes; then cached). */
  private static Path venv() throws Exception {
    Path log = Files.createTempFile("python-env", ".log");
    try {
      Process process =
          new ProcessBuilder(REPO_ROOT.resolve("tools/python-env.sh").toString(), "spark")
              .directory(REPO_ROOT.toFile())
              .redirectError(log.toFile())
              .start();
      String out = new String(process.getInputStream().readAllBytes()).strip();
      int exit = StackJobs.await(process, Duration.ofMinutes(20), log);
      assertEquals(0, exit, "tools/python-env.sh spark failed\n" + StackJobs.tail(log));
      return Path.of(out.lines().reduce((first, last) -> last).orElseThrow());
    } finally {
      Files.deleteIfExists(log);
    }
  }
}
