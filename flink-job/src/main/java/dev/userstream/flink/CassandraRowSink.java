package dev.userstream.flink;

import com.datastax.driver.core.ResultSet;
import dev.userstream.io.MetricNames;
import dev.userstream.io.PipelineOptions;
import dev.userstream.io.cassandra.KafkaRecordBinder.BoundRow;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.apache.flink.cassandra.shaded.com.google.common.base.Function;
import org.apache.flink.cassandra.shaded.com.google.common.util.concurrent.Futures;
import org.apache.flink.cassandra.shaded.com.google.common.util.concurrent.ListenableFuture;
import org.apache.flink.cassandra.shaded.com.google.common.util.concurrent.MoreExecutors;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.connectors.cassandra.AbstractCassandraTupleSink;
import org.apache.flink.streaming.connectors.cassandra.CassandraSinkBaseConfig;
import org.apache.flink.streaming.connectors.cassandra.NoOpCassandraFailureHandler;

/**
 * Writes pipeline-io's bound rows with one prepared INSERT (users or rejects), counting each row
 * Cassandra acknowledged under {@code userstream.<counterName>}.
 *
 * <p>Why this base class: the connector's {@code CassandraSink.addSink} builder needs the Scala
 * DataStream API on the compile classpath (one overload names it), and {@code CassandraSinkBase}'s
 * constructor is package-private. {@link AbstractCassandraTupleSink} is public and is exactly the
 * part wanted: it prepares the statement once per subtask, binds an {@code Object[]}, leaves null
 * values <em>unset</em> instead of writing tombstones ({@code ignoreNullFields}), caps in-flight
 * asynchronous writes with a semaphore, waits for all of them on every checkpoint (so a completed
 * checkpoint means the rows are in Cassandra: at-least-once) and fails the job on a failed write.
 */
public final class CassandraRowSink extends AbstractCassandraTupleSink<BoundRow> {
  private static final long serialVersionUID = 1L;

  /** How long a write may wait for a free slot before the job fails (a hung cluster). */
  static final Duration SLOT_TIMEOUT = Duration.ofMinutes(2);

  private final String counterName;
  private transient Counter written;

  /** A sink running {@code insertCql} (the schema's users or rejects insert) per row. */
  public CassandraRowSink(String insertCql, PipelineOptions options, String counterName) {
    super(
        insertCql,
        new CassandraConnection(options),
        CassandraSinkBaseConfig.newBuilder()
            .setMaxConcurrentRequests(options.cassandraConcurrentWrites())
            .setMaxConcurrentRequestsTimeout(SLOT_TIMEOUT)
            .setIgnoreNullFields(true)
            .build(),
        new NoOpCassandraFailureHandler());
    this.counterName = counterName;
  }

  @Override
  public void open(Configuration configuration) {
    super.open(configuration);
    written = getRuntimeContext().getMetricGroup().addGroup(MetricNames.GROUP).counter(counterName);
  }

  /** Counts the row once Cassandra acknowledged it; a failure passes through to the base class. */
  @Override
  public ListenableFuture<ResultSet> send(BoundRow row) {
    Function<ResultSet, ResultSet> count =
        result -> {
          written.inc();
          return result;
        };
    return Futures.transform(super.send(row), count, MoreExecutors.directExecutor());
  }

  @Override
  protected Object[] extract(BoundRow row) {
    return toDriver3(row.values());
  }

  /**
   * The schema's bind values (typed for the 4.x driver) as the connector's 3.x driver binds them,
   * in place: {@link Instant} becomes {@link Date}, the one type that differs for {@code
   * timestamp}.
   */
  static Object[] toDriver3(Object[] values) {
    for (int i = 0; i < values.length; i++) {
      if (values[i] instanceof Instant instant) {
        values[i] = Date.from(instant);
      }
    }
    return values;
  }
}
