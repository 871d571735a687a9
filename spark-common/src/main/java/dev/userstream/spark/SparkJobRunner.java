package dev.userstream.spark;

import dev.userstream.io.JobMain;
import dev.userstream.io.OptionSet;
import dev.userstream.io.PipelineOptions;
import dev.userstream.io.RunTotals;
import dev.userstream.io.metrics.ConsumerLag;
import dev.userstream.io.metrics.MetricsEndpoint;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the {@code main} of both Spark jobs does around its query: pipeline-io's {@link JobMain}
 * (help, one parse, exit codes), a session (spark-submit's, or {@code local[*]} on loopback in a
 * plain JVM), the job's own {@link Start}, then waiting for the query and printing the run's
 * summary.
 *
 * <pre>{@code
 * static int run(String[] args, PrintStream out, PrintStream err) {
 *   return new SparkJobRunner("spark-job", "spark", USAGE, OPTIONS, SparkJobMain::start)
 *       .run(args, out, err);
 * }
 * }</pre>
 *
 * @param job the job's name in its output, e.g. {@code spark-job}
 * @param engine the {@code engine} column and checkpoint folder, e.g. {@code spark}
 * @param usage what {@code --help} prints above the options (how to launch the job)
 * @param options the job's own options, parsed with the shared ones
 * @param refuse throws an {@link dev.userstream.io.OptionsException} for options the job cannot run
 *     with together, before a session starts (exit 2)
 * @param start the job's checks and its query
 */
record SparkJobRunner(
    String job,
    String engine,
    String usage,
    OptionSet options,
    Consumer<PipelineOptions> refuse,
    Start start) {

  private static final Logger LOG = LoggerFactory.getLogger(SparkJobRunner.class);

  /** A runner for a job that takes every combination of its options. */
  SparkJobRunner(String job, String engine, String usage, OptionSet options, Start start) {
    this(job, engine, usage, options, p -> {}, start);
  }

  /** A job's own part: its start-up checks, then its query into Cassandra, started. */
  @FunctionalInterface
  interface Start {
    /**
     * @param totals where the query adds the rows it wrote, for the summary of a run that ends
     * @throws dev.userstream.io.PreflightException when a service is unreachable or refuses
     */
    StreamingQuery start(
        SparkSession spark, SparkJobOptions options, RunTotals totals, PrintStream out)
        throws TimeoutException;
  }

  /** Runs the job and returns its exit code ({@link JobMain}); one line on expected failures. */
  int run(String[] args, PrintStream out, PrintStream err) {
    return JobMain.run(
        args,
        usage,
        options,
        p -> {
          refuse.accept(p);
          runQuery(new SparkJobOptions(p), out);
        },
        out,
        err);
  }

  /** Says what starts: the options in the log, {@link JobMain#startLine} on {@code out}. */
  void announce(PipelineOptions p, PrintStream out) {
    LOG.info("starting the query: {}", p);
    out.println(JobMain.startLine(job, p));
  }

  /**
   * Runs the query until it ends, then prints the run's summary; a failed query throws its {@code
   * StreamingQueryException}. The metrics endpoint, when asked for, serves from before the session
   * starts until it has stopped.
   */
  private void runQuery(SparkJobOptions options, PrintStream out) throws Exception {
    SparkLogging.useJobDefaults();
    MetricsEndpoint metrics = metrics(options.pipeline(), out);
    try {
      SparkSession spark = session(new SparkConf(), options);
      RunTotals totals = new RunTotals();
      Duration runtime;
      try {
        StreamingQuery query = start.start(spark, options, totals, out);
        long started = System.nanoTime(); // after the checks and the start, like Flink's runtime
        query.awaitTermination();
        runtime = Duration.ofNanos(System.nanoTime() - started);
      } finally {
        spark.stop();
      }
      out.println(totals.summary(job, runtime));
    } finally {
      if (metrics != null) {
        metrics.close();
      }
    }
  }

  /**
   * The driver's Prometheus endpoint ({@code --metrics-port}), lag from the checkpoint; null when
   * off, or (with a warning on {@code out}: metrics must not stop the data) when the port is taken.
   */
  private MetricsEndpoint metrics(PipelineOptions p, PrintStream out) {
    try {
      return MetricsEndpoint.open(p, engine, ConsumerLag.sparkCheckpoint(p, engine));
    } catch (UncheckedIOException e) {
      out.println(job + ": warning: " + e.getMessage() + "; running without metrics");
      return null;
    }
  }

  /**
   * The session for {@code conf}, which holds spark-submit's settings (it reads the {@code spark.*}
   * system properties). Without a master this is a plain JVM: run {@code local[*]} on loopback,
   * without the web UI.
   */
  SparkSession session(SparkConf conf, SparkJobOptions options) {
    conf.setIfMissing("spark.app.name", "userstream-" + engine);
    if (!conf.contains("spark.master")) {
      conf.setMaster("local[*]");
    }
    if (conf.get("spark.master").startsWith("local")) {
      conf.setIfMissing("spark.driver.bindAddress", "127.0.0.1");
      conf.setIfMissing("spark.driver.host", "127.0.0.1");
      conf.setIfMissing("spark.ui.enabled", "false");
    }
    // The only shuffle is the per-batch count: Spark's default of 200 tasks is pure overhead.
    conf.setIfMissing(
        "spark.sql.shuffle.partitions", String.valueOf(options.pipeline().parallelism()));
    return SparkSession.builder().config(conf).getOrCreate();
  }
}
