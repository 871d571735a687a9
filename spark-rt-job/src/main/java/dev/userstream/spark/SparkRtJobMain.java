package dev.userstream.spark;

import dev.userstream.io.JobMain;
import dev.userstream.io.KafkaPreflight;
import dev.userstream.io.PipelineOptions;
import dev.userstream.io.PreflightException;
import dev.userstream.io.RunTotals;
import dev.userstream.io.cassandra.CassandraSessions;
import java.io.PrintStream;
import java.util.concurrent.TimeoutException;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQuery;

/**
 * Entry point of the Spark 4 job: spark-common's {@link SparkJobRunner} (options, session, summary)
 * around this job's start. {@code continuous} runs in Real-Time Mode ({@link RealTimeQuery});
 * {@code available-now} runs spark-common's micro-batch query with {@code Trigger.AvailableNow}.
 * Both write through pipeline-io's row writer on sessions of their own.
 *
 * <pre>{@code
 * spark-submit --class dev.userstream.spark.SparkRtJobMain spark-rt-job-0.1.0-SNAPSHOT-all.jar \
 *     --mode continuous --checkpoint-interval 60s --bootstrap-servers 127.0.0.1:9092
 * spark-submit ... --mode available-now --cassandra-host 127.0.0.1
 * java -cp ... dev.userstream.spark.SparkRtJobMain --help
 * }</pre>
 *
 * <p>Exit codes: 0 done ({@code available-now}) or stopped cleanly, 1 a service unreachable or the
 * query failed (one line on stderr), 2 a bad option (one line and a usage hint).
 */
public final class SparkRtJobMain {
  /** The {@code engine} column of every row this job writes, and its checkpoint folder. */
  static final String ENGINE = "spark-rt";

  private static final String JOB = "spark-rt-job";
  static final String USAGE =
      "usage: spark-submit --class dev.userstream.spark.SparkRtJobMain"
          + " spark-rt-job-<version>-all.jar [options]   (plain java: local[*] on 127.0.0.1)\n"
          + "--mode continuous runs Spark's Real-Time Mode: one task per Kafka partition, all at"
          + " once.\n"
          + "Exit codes: 0 done, 1 service unreachable or query failed, 2 bad option.";
  static final SparkJobRunner RUNNER =
      new SparkJobRunner(
          JOB,
          ENGINE,
          USAGE,
          RealTimeOptions.OPTIONS,
          RealTimeOptions::check,
          SparkRtJobMain::start);

  private SparkRtJobMain() {}

  public static void main(String[] args) {
    System.exit(RUNNER.run(args, System.out, System.err));
  }

  /**
   * Checks Kafka (topic created if missing), Cassandra (keyspace and tables created if absent) and,
   * for Real-Time Mode, the task slots, then starts the query into Cassandra.
   *
   * @throws PreflightException when a service is unreachable or refuses, with one line
   */
  static StreamingQuery start(
      SparkSession spark, SparkJobOptions options, RunTotals totals, PrintStream out)
      throws TimeoutException {
    PipelineOptions p = options.pipeline();
    KafkaPreflight.Topic topic = JobMain.preflight(JOB, p, () -> CassandraSessions.open(p), out);
    boolean realTime = p.mode() == PipelineOptions.Mode.CONTINUOUS;
    if (realTime) {
      RealTimeQuery.requireSlots(spark.sparkContext(), topic, JOB, out);
    }
    RUNNER.announce(p, out);
    RowWriters writers = RowWriters.cassandra(p, p.get(SparkJobOptions.CASSANDRA_BATCH_SIZE));
    // Real-Time Mode maps each Kafka partition to one task and has no batch limit: it refuses
    // the micro-batch source's minPartitions and maxOffsetsPerTrigger.
    Dataset<Row> kafka =
        spark
            .readStream()
            .format("kafka")
            .options(
                realTime ? UserStreamJob.kafkaOptions(p) : UserStreamJob.sourceOptions(options))
            .load();
    return realTime
        ? RealTimeQuery.start(kafka, ENGINE, p, writers, totals)
        : UserStreamJob.query(kafka, ENGINE, options, writers.asRowSink(), totals).start();
  }
}
