package dev.userstream.flink;

import dev.userstream.io.JobMain;
import dev.userstream.io.KafkaRecord;
import dev.userstream.io.PipelineOptions;
import dev.userstream.io.PipelineOptions.Mode;
import dev.userstream.io.RunTotals;
import dev.userstream.io.cassandra.CassandraSessions;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Objects;
import java.util.Properties;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.KafkaSourceBuilder;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.streaming.api.environment.LocalStreamEnvironment;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Runs the pipeline on Flink: reads Kafka, applies common-model's transformation, writes Cassandra.
 *
 * <pre>{@code
 * # On a cluster (the shaded jar; Flink itself is provided):
 * flink run flink-job/target/flink-job-0.1.0-SNAPSHOT.jar --mode available-now \
 *     --bootstrap-servers kafka:9092 --cassandra-host cassandra
 * # Resume a cluster job from a retained checkpoint (or savepoint):
 * flink run -s <checkpoint-dir>/flink/<keyspace>.<topic>/<job-id>/chk-<n> <jar> --mode continuous
 * # Locally, in-process (a Flink MiniCluster on 127.0.0.1), with pipeline-io's JvmFlags.FLINK_JAVA17:
 * java <JvmFlags.FLINK_JAVA17> -cp <classpath> dev.userstream.flink.FlinkJobMain \
 *     --mode continuous --checkpoint-interval 10s
 * }</pre>
 *
 * <p>Options are PipelineOptions' (the same names and defaults as the Spark job) plus the Flink
 * tuning options of {@link FlinkJobOptions}; {@code --help} lists them all. Before submitting, the
 * main creates the topic if it is missing and the keyspace and tables if they are absent, so an
 * unreachable Kafka or Cassandra is one line and exit 1. Bad options are one line and exit 2.
 *
 * <p>Modes: {@code available-now} reads from {@code --starting-offsets} to the offsets that are the
 * latest when it starts, then finishes (exit 0). {@code continuous} runs until stopped,
 * checkpointing every {@code --checkpoint-interval} to {@code --checkpoint-dir}; checkpoints are
 * kept when the job dies or is cancelled, and a restarted run resumes from the newest one ({@code
 * --resume-from latest}, the default). Delivery is at-least-once with idempotent upserts.
 */
public final class FlinkJobMain {
  private static final String JOB = "flink-job";
  private static final String USAGE =
      "Usage: flink run <flink-job.jar> [options]\n"
          + "   or: java <Flink's Java 17 flags> -cp <classpath> dev.userstream.flink.FlinkJobMain"
          + " [options]";

  private FlinkJobMain() {}

  public static void main(String[] args) {
    boolean local =
        StreamExecutionEnvironment.getExecutionEnvironment() instanceof LocalStreamEnvironment;
    int code = run(args, local, System.out, System.err);
    // Under `flink run` the client owns the JVM; only a run of its own may end the process (the
    // driver's and Kafka's threads must not keep a finished local run alive).
    if (local || code != 0) {
      System.exit(code);
    }
  }

  /** Runs the job; returns the exit code: 0 done, 1 failed, 2 bad options ({@link JobMain}). */
  static int run(String[] args, boolean local, PrintStream out, PrintStream err) {
    return JobMain.run(
        args, USAGE, FlinkJobOptions.OPTIONS, p -> report(execute(p, local, out), out), out, err);
  }

  /** Sets up Kafka and Cassandra, then builds and executes the job (blocks until it ends). */
  static JobExecutionResult execute(PipelineOptions p, boolean local, PrintStream out)
      throws Exception {
    JobMain.preflight(JOB, p, () -> CassandraSessions.open(p), out);
    Configuration conf = FlinkConfiguration.of(p, local);
    conf.getOptional(StateRecoveryOptions.SAVEPOINT_PATH)
        .ifPresent(path -> out.println(JOB + ": resuming from checkpoint " + path));
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
    UserStreamJob.build(env, kafkaSource(p), new CassandraRowSink(p), p);
    out.println(JobMain.startLine(JOB, p));
    return env.execute("userstream " + p.topic() + " -> " + p.keyspace());
  }

  /** The Kafka source the options describe; bounded at the latest offsets in available-now. */
  static KafkaSource<KafkaRecord> kafkaSource(PipelineOptions options) {
    Properties props = options.kafkaClientProperties();
    props.put("group.id", consumerGroup(options));
    KafkaSourceBuilder<KafkaRecord> builder =
        KafkaSource.<KafkaRecord>builder()
            .setProperties(props)
            .setTopics(options.topic())
            .setClientIdPrefix("userstream-flink-" + options.topic())
            .setStartingOffsets(
                options.startingOffsets() == PipelineOptions.StartingOffsets.LATEST
                    ? OffsetsInitializer.latest()
                    : OffsetsInitializer.earliest())
            .setDeserializer(new KafkaRecordSchema());
    if (options.mode() == Mode.AVAILABLE_NOW) {
      builder.setBounded(OffsetsInitializer.latest());
    }
    return builder.build();
  }

  /**
   * The consumer group the source commits its offsets under at each checkpoint: {@code
   * --kafka-property group.id=...}, else {@code userstream-flink}.
   */
  static String consumerGroup(PipelineOptions options) {
    return options.kafkaProperties().getOrDefault("group.id", "userstream-flink");
  }

  /** The totals line; a detached submission ({@code flink run -d}) has no results to report. */
  private static void report(JobExecutionResult result, PrintStream out) {
    if (!result.isJobExecutionResult()) {
      out.println(JOB + ": submitted job " + result.getJobID());
      return;
    }
    RunTotals totals =
        new RunTotals()
            .add(
                total(result, UserTransformFunction.USERS_ACCUMULATOR),
                total(result, UserTransformFunction.REJECTIONS_ACCUMULATOR));
    out.println(totals.summary(JOB, Duration.ofMillis(result.getNetRuntime())));
  }

  /** An accumulator's total; absent (no transform subtask ever opened) is none. */
  private static long total(JobExecutionResult result, String accumulator) {
    return Objects.requireNonNullElse(result.<Long>getAccumulatorResult(accumulator), 0L);
  }
}
