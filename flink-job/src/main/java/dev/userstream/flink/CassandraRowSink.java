package dev.userstream.flink;

import dev.userstream.io.MetricNames;
import dev.userstream.io.PipelineOptions;
import dev.userstream.io.cassandra.BoundRowWriter;
import dev.userstream.io.cassandra.CassandraRowWriter;
import dev.userstream.io.cassandra.CassandraSessions;
import dev.userstream.io.cassandra.KafkaRecordBinder.BoundRow;
import dev.userstream.io.metrics.ConsumerLag;
import dev.userstream.io.metrics.MetricsEndpoint;
import dev.userstream.io.metrics.PipelineMetrics;
import java.io.UncheckedIOException;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.metrics.Gauge;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes pipeline-io's bound rows, users and rejects each into its table, with pipeline-io's {@link
 * BoundRowWriter} over {@link CassandraRowWriter}: the writer the Spark job and the benchmark's
 * ceiling run, on a session of pipeline-io's {@link CassandraSessions}, so contact points,
 * credentials, TLS, consistency and in-flight writes mean the same on every engine. Each subtask
 * opens one session where it runs; TLS store files must exist at the same path on every task
 * manager.
 *
 * <p>At-least-once: Flink calls {@link SinkWriter#flush} before a checkpoint barrier passes and at
 * the end of a bounded input, and it returns only once every write has answered, so a completed
 * checkpoint means its rows are in Cassandra. A failed write fails the task at the next row or
 * flush, and the job restarts from its last checkpoint (the inserts are idempotent upserts). The
 * gauge {@code userstream.rowsWritten} counts the rows Cassandra acknowledged; the rows handed to
 * the writer and each flush's duration also go to pipeline-io's {@link PipelineMetrics}, which
 * {@code --metrics-port} serves.
 */
public record CassandraRowSink(PipelineOptions options) implements Sink<BoundRow> {
  private static final Logger LOG = LoggerFactory.getLogger(CassandraRowSink.class);

  // Deprecated in Flink 1.20, yet its one abstract factory: the successor's default delegates here.
  @Override
  @SuppressWarnings("deprecation")
  public SinkWriter<BoundRow> createWriter(InitContext context) {
    MetricsEndpoint endpoint = metricsEndpoint();
    BoundRowWriter writer = BoundRowWriter.open(options, 1);
    context
        .metricGroup()
        .addGroup(MetricNames.GROUP)
        .gauge(MetricNames.ROWS_WRITTEN, (Gauge<Long>) writer::acknowledged);
    PipelineMetrics metrics = PipelineMetrics.process();
    return new SinkWriter<>() {
      @Override
      public void write(BoundRow row, Context ignored) {
        writer.write(row);
        if (row.user()) {
          metrics.usersWritten(1);
        } else {
          metrics.rejectsWritten(row.reason(), 1);
        }
      }

      @Override
      public void flush(boolean endOfInput) {
        long started = System.nanoTime();
        writer.finish();
        metrics.batch(System.nanoTime() - started);
      }

      @Override
      public void close() {
        writer.close();
        if (endpoint != null) {
          endpoint.close();
        }
      }
    };
  }

  /**
   * This TaskManager's Prometheus endpoint ({@code --metrics-port}), shared by its sink subtasks,
   * with the lag of the job's consumer group; none when off, or (with a warning) when the port is
   * taken, e.g. by a second TaskManager on the same host.
   */
  private MetricsEndpoint metricsEndpoint() {
    try {
      return MetricsEndpoint.open(
          options,
          UserStreamJob.ENGINE,
          ConsumerLag.group(options.topic(), FlinkJobMain.consumerGroup(options)));
    } catch (UncheckedIOException e) {
      LOG.warn("no metrics from this TaskManager: {}", e.getMessage());
      return null;
    }
  }
}
