package dev.userstream.spark;

import com.datastax.spark.connector.cql.CassandraConnector;
import dev.userstream.io.JobMain;
import dev.userstream.io.PipelineOptions;
import dev.userstream.io.PreflightException;
import dev.userstream.io.RunTotals;
import java.io.PrintStream;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQuery;

/**
 * Entry point of the Spark job: spark-common's {@link SparkJobRunner} (options, session, summary)
 * around this job's start: the checks and {@link UserStreamJob}'s query on the Cassandra
 * connector's session.
 *
 * <pre>{@code
 * spark-submit --class dev.userstream.spark.SparkJobMain spark-job-0.1.0-SNAPSHOT-all.jar \
 *     --mode available-now --bootstrap-servers 127.0.0.1:9092 --cassandra-host 127.0.0.1
 * spark-submit ... --mode continuous --checkpoint-dir /data/checkpoints --trigger-interval 5s
 * ./userstream run --engine spark --mode available-now        # local[*], child JVM
 * java -cp ... dev.userstream.spark.SparkJobMain --help
 * }</pre>
 *
 * <p>Exit codes: 0 done ({@code available-now}) or stopped cleanly, 1 a service unreachable or the
 * query failed (one line on stderr), 2 a bad option (one line and a usage hint).
 */
public final class SparkJobMain {
  /** The {@code engine} column of every row this job writes, and its checkpoint folder. */
  static final String ENGINE = "spark";

  private static final String JOB = "spark-job";
  static final String USAGE =
      "usage: spark-submit --class dev.userstream.spark.SparkJobMain spark-job-<version>-all.jar"
          + " [options]   (plain java: local[*] on 127.0.0.1)\n"
          + "Exit codes: 0 done, 1 service unreachable or query failed, 2 bad option.";
  static final SparkJobRunner RUNNER =
      new SparkJobRunner(JOB, ENGINE, USAGE, SparkJobOptions.OPTIONS, SparkJobMain::start);

  private SparkJobMain() {}

  public static void main(String[] args) {
    System.exit(RUNNER.run(args, System.out, System.err));
  }

  /**
   * Checks Kafka (topic created if missing) and Cassandra (keyspace and tables created if absent)
   * through the connector's session, so that {@code spark.cassandra.*} settings apply, then starts
   * the query into Cassandra.
   *
   * @throws PreflightException when a service is unreachable or refuses, with one line
   */
  static StreamingQuery start(
      SparkSession spark, SparkJobOptions given, RunTotals totals, PrintStream out)
      throws TimeoutException {
    SparkConf conf = spark.sparkContext().getConf();
    SparkJobOptions options = new SparkJobOptions(SparkCassandra.withConf(given.pipeline(), conf));
    PipelineOptions p = options.pipeline();
    Map<String, String> settings = SparkCassandra.settings(conf, p);
    SparkConf check = new SparkConf(false);
    settings.forEach(check::set);
    // The check waits --connect-timeout for a node, unless spark.cassandra.* says otherwise.
    check.setIfMissing(
        "spark.cassandra.connection.timeoutMS", String.valueOf(p.connectTimeout().toMillis()));
    JobMain.preflight(JOB, p, () -> CassandraConnector.apply(check).openSession(), out);
    RUNNER.announce(p, out);
    RowSink sink = new CassandraSink(settings, p, p.get(SparkJobOptions.CASSANDRA_BATCH_SIZE));
    Dataset<Row> kafka =
        spark.readStream().format("kafka").options(UserStreamJob.sourceOptions(options)).load();
    return UserStreamJob.query(kafka, ENGINE, options, sink, totals).start();
  }
}
