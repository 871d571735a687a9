package dev.userstream.flink;

import dev.userstream.io.CheckpointPaths;
import dev.userstream.io.KafkaPreflight;
import dev.userstream.io.OptionsException;
import dev.userstream.io.PipelineOptions;
import dev.userstream.io.PipelineOptions.Mode;
import dev.userstream.io.PreflightException;
import dev.userstream.io.cassandra.CassandraPreflight;
import dev.userstream.model.CassandraSchema;
import java.io.PrintStream;
import java.net.URI;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.KafkaSourceBuilder;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.streaming.api.environment.LocalStreamEnvironment;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.ExceptionUtils;

/**
 * Runs the pipeline on Flink: reads Kafka, applies common-model's transformation, writes Cassandra.
 *
 * <pre>{@code
 * # On a cluster (the shaded jar; Flink itself is provided):
 * flink run flink-job/target/flink-job-0.1.0-SNAPSHOT.jar --mode available-now \
 *     --bootstrap-servers kafka:9092 --cassandra-host cassandra
 * # Resume a cluster job from a retained checkpoint (or savepoint):
 * flink run -s <checkpoint-dir>/flink/<keyspace>.<topic>/<job-id>/chk-<n> <jar> --mode continuous
 * # Locally, in-process (a Flink MiniCluster on 127.0.0.1); FlinkJvmOptions has the JVM flags:
 * java <FlinkJvmOptions.JAVA_17_FLAGS> -cp <classpath> dev.userstream.flink.FlinkJobMain \
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
  private FlinkJobMain() {}

  public static void main(String[] args) throws Exception {
    boolean local =
        StreamExecutionEnvironment.getExecutionEnvironment() instanceof LocalStreamEnvironment;
    int code = run(args, local, System.out, System.err);
    // Under `flink run` the client owns the JVM; only a run of its own may end the process (the
    // driver's and Kafka's threads must not keep a finished local run alive).
    if (local || code != 0) {
      System.exit(code);
    }
  }

  /** Runs the job; returns the exit code: 0 done, 1 failed, 2 bad options. */
  static int run(String[] args, boolean local, PrintStream out, PrintStream err) {
    if (Arrays.asList(args).contains("--help") || Arrays.asList(args).contains("-h")) {
      out.print(usage());
      return 0;
    }
    FlinkJobOptions options;
    try {
      options = FlinkJobOptions.parse(args);
    } catch (OptionsException e) {
      err.println("flink-job: " + e.getMessage());
      err.println("Run with --help for the options.");
      return 2;
    }
    try {
      JobExecutionResult result = execute(options, local, out);
      report(result, out);
      return 0;
    } catch (JobSetupException | PreflightException e) {
      err.println("flink-job: " + e.getMessage());
      return 1;
    } catch (Exception e) {
      Throwable root = ExceptionUtils.stripExecutionException(e);
      while (root.getCause() != null && root.getCause() != root) {
        root = root.getCause();
      }
      // One line; the full trace is in Flink's log.
      err.println("flink-job: the job failed: " + root);
      return 1;
    }
  }

  /** Sets up Kafka and Cassandra, then builds and executes the job (blocks until it ends). */
  static JobExecutionResult execute(FlinkJobOptions options, boolean local, PrintStream out)
      throws Exception {
    PipelineOptions pipeline = options.pipeline();
    if (KafkaPreflight.ensureTopic(pipeline).created()) {
      out.println("flink-job: created topic " + pipeline.topic() + " (broker-default partitions)");
    }
    CassandraPreflight.ensureSchema(pipeline);
    CassandraSchema schema = pipeline.cassandraSchema();
    CassandraConnection connection = new CassandraConnection(pipeline);

    Optional<URI> resume = resumePoint(options);
    resume.ifPresent(uri -> out.println("flink-job: resuming from checkpoint " + uri));
    StreamExecutionEnvironment env =
        StreamExecutionEnvironment.getExecutionEnvironment(
            FlinkConfiguration.of(options, resume, local));
    UserStreamJob.build(
        env,
        kafkaSource(pipeline),
        new UsersSink(schema, connection, options.cassandraMaxConcurrentRequests()),
        new RejectsSink(schema, connection, options.cassandraMaxConcurrentRequests()),
        options);
    out.println(
        "flink-job: "
            + pipeline.mode().cliName()
            + " run of topic "
            + pipeline.topic()
            + " into "
            + schema.keyspace()
            + " (parallelism "
            + pipeline.parallelism()
            + ")");
    return env.execute("userstream " + pipeline.topic() + " -> " + schema.keyspace());
  }

  /** The Kafka source the options describe; bounded at the latest offsets in available-now. */
  static KafkaSource<KafkaRecord> kafkaSource(PipelineOptions options) {
    Properties props = new Properties();
    props.putAll(options.kafkaProperties());
    props.putIfAbsent("group.id", "userstream-flink");
    KafkaSourceBuilder<KafkaRecord> builder =
        KafkaSource.<KafkaRecord>builder()
            .setProperties(props)
            .setBootstrapServers(options.bootstrapServers())
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

  /** The checkpoint a continuous run restores, per {@code --resume-from}. */
  static Optional<URI> resumePoint(FlinkJobOptions options) {
    if (options.pipeline().mode() != Mode.CONTINUOUS) {
      return Optional.empty();
    }
    String from = options.resumeFrom();
    if (from.equalsIgnoreCase(FlinkJobOptions.RESUME_NONE)) {
      return Optional.empty();
    }
    if (from.equalsIgnoreCase(FlinkJobOptions.RESUME_LATEST)) {
      return CheckpointLocator.latest(CheckpointPaths.uri(options.pipeline(), "flink"));
    }
    URI explicit = from.contains(":") ? URI.create(from) : java.nio.file.Path.of(from).toUri();
    if (CheckpointLocator.exists(explicit)) {
      return Optional.of(explicit);
    }
    throw new JobSetupException("--resume-from " + from + ": no such checkpoint or savepoint");
  }

  private static void report(JobExecutionResult result, PrintStream out) {
    Long users = result.getAccumulatorResult(UserTransformFunction.USERS_ACCUMULATOR);
    Long rejections = result.getAccumulatorResult(UserTransformFunction.REJECTIONS_ACCUMULATOR);
    long u = users == null ? 0 : users;
    long r = rejections == null ? 0 : rejections;
    double seconds = Math.max(result.getNetRuntime(), 1) / 1000.0;
    out.printf(
        Locale.ROOT,
        "flink-job: finished in %.1f s: %d users, %d rejections (%.0f records/s)%n",
        seconds,
        u,
        r,
        (u + r) / seconds);
  }

  private static String usage() {
    return "Usage: flink run <flink-job.jar> [options]\n"
        + "   or: java <Flink's Java 17 flags> -cp <classpath> "
        + FlinkJvmOptions.MAIN_CLASS
        + " [options]\n\n"
        + FlinkJobOptions.usage();
  }
}
