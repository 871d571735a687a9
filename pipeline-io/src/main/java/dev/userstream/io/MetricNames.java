package dev.userstream.io;

/**
 * The metric names every engine publishes, declared once so dashboards and tests read one set.
 *
 * <p>Engine counters ({@link dev.userstream.io.cassandra.RowTally}: Flink metric counters, Spark
 * accumulators) live under the group {@value #GROUP}: {@value #USERS}, {@value #REJECTIONS}, one
 * per reject reason under {@code rejectionReasons.<CODE>}, and Flink's gauge {@value
 * #ROWS_WRITTEN}.
 *
 * <p>The Prometheus endpoint ({@code --metrics-port}, {@link
 * dev.userstream.io.metrics.MetricsEndpoint}) serves the same figures under the {@code PROM_}
 * names, each with the label {@code engine}.
 */
public final class MetricNames {
  public static final String GROUP = "userstream";
  public static final String USERS = "users";
  public static final String REJECTIONS = "rejections";
  public static final String REJECTION_REASONS = "rejectionReasons";
  public static final String ROWS_WRITTEN = "rowsWritten";

  /** Counter: Kafka records the job read and judged (users and rejects). */
  public static final String PROM_RECORDS_READ = "userstream_records_read_total";

  /** Counter: rows written to the users table. */
  public static final String PROM_USERS_WRITTEN = "userstream_users_written_total";

  /** Counter, label {@code reason} (a reject code): rows written to the rejects table. */
  public static final String PROM_REJECTS_WRITTEN = "userstream_rejects_written_total";

  /** Histogram: seconds from sending a Cassandra write to its answer. */
  public static final String PROM_WRITE_LATENCY = "userstream_write_latency_seconds";

  /** Gauge, labels {@code topic} and {@code partition}: records not yet committed by the job. */
  public static final String PROM_CONSUMER_LAG = "userstream_consumer_lag_records";

  /** Gauge: seconds the last micro-batch, Real-Time epoch or Flink checkpoint flush took. */
  public static final String PROM_BATCH_DURATION = "userstream_batch_duration_seconds";

  /** Counter: micro-batches, epochs or checkpoint flushes completed. */
  public static final String PROM_BATCHES = "userstream_batches_total";

  private MetricNames() {}
}
