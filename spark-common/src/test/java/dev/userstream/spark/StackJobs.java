package dev.userstream.spark;

import static org.junit.jupiter.api.Assertions.fail;

import dev.userstream.io.PipelineOptions;
import dev.userstream.stack.LocalStack;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * What the Spark integration tests share: options aimed at the shared test stack, a local Spark
 * session, job JVMs started like the CLI starts them, and waiting for them with deadlines.
 */
final class StackJobs {
  /** The module folder (failsafe's working directory). */
  static final Path MODULE_DIR = Path.of("").toAbsolutePath();

  private StackJobs() {}

  /** Options for one test's topic, keyspace and checkpoint folder on the shared stack. */
  static PipelineOptions.Builder pipeline(
      LocalStack stack, String topic, String keyspace, Path checkpointDir) {
    return PipelineOptions.builder()
        .bootstrapServers(stack.kafka().bootstrapServers())
        .cassandraPort(stack.config().cassandraPort())
        .topic(topic)
        .keyspace(keyspace)
        .checkpointDir(checkpointDir.toString());
  }

  /** The Kafka source's schema, without headers (the same in Spark 3.5 and 4). */
  static final StructType KAFKA_SCHEMA =
      DataTypes.createStructType(
          List.of(
              DataTypes.createStructField("key", DataTypes.BinaryType, true),
              DataTypes.createStructField("value", DataTypes.BinaryType, true),
              DataTypes.createStructField("topic", DataTypes.StringType, true),
              DataTypes.createStructField("partition", DataTypes.IntegerType, true),
              DataTypes.createStructField("offset", DataTypes.LongType, true),
              DataTypes.createStructField("timestamp", DataTypes.TimestampType, true),
              DataTypes.createStructField("timestampType", DataTypes.IntegerType, true)));

  /** A {@code local[2]} session on loopback, as the job's main builds it for a plain JVM. */
  static SparkSession localSpark(String name) {
    return SparkSession.builder()
        .master("local[2]")
        .appName(name)
        .config("spark.ui.enabled", "false")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.sql.shuffle.partitions", "2")
        .getOrCreate();
  }

  /**
   * Starts a job's {@code mainClass} in its own JVM on this test's classpath with Spark's Java 17
   * flags, output to {@code log}: a process the test can SIGKILL.
   */
  static Process startJobJvm(String mainClass, List<String> jobArgs, Path log) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx1g");
    command.addAll(
        Arrays.asList(System.getProperty("userstream.spark.java17.opens", "").split(" ")));
    command.add("-Dspark.master=local[2]");
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(mainClass);
    command.addAll(jobArgs);
    command.removeIf(String::isEmpty);
    try {
      Files.createDirectories(log.getParent());
      ProcessBuilder builder =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
      builder.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
      return builder.start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Waits for {@code process} to exit and returns its code, or fails with its log's tail. */
  static int await(Process process, Duration timeout, Path log) throws InterruptedException {
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      process.destroyForcibly().waitFor();
      fail("job did not finish within " + timeout + "\n" + tail(log));
    }
    return process.exitValue();
  }

  /** The last 60 lines of a log, for failure messages. */
  static String tail(Path log) {
    try {
      if (!Files.exists(log)) {
        return "(no log at " + log + ")";
      }
      List<String> lines = Files.readAllLines(log);
      return "--- last lines of "
          + log
          + " ---\n"
          + String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
    } catch (IOException e) {
      return "(log unreadable: " + e + ")";
    }
  }
}
