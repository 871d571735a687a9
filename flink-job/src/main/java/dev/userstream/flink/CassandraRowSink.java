package dev.userstream.flink;

import com.datastax.driver.core.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.apache.flink.cassandra.shaded.com.google.common.util.concurrent.FutureCallback;
import org.apache.flink.cassandra.shaded.com.google.common.util.concurrent.Futures;
import org.apache.flink.cassandra.shaded.com.google.common.util.concurrent.ListenableFuture;
import org.apache.flink.cassandra.shaded.com.google.common.util.concurrent.MoreExecutors;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.connectors.cassandra.AbstractCassandraTupleSink;
import org.apache.flink.streaming.connectors.cassandra.CassandraSinkBaseConfig;
import org.apache.flink.streaming.connectors.cassandra.NoOpCassandraFailureHandler;

/**
 * Writes rows with one prepared INSERT from common-model's CassandraSchema, bound per row.
 *
 * <p>Why this base class: the connector's {@code CassandraSink.addSink} builder needs the Scala
 * DataStream API on the compile classpath (one overload names it), and {@code CassandraSinkBase}'s
 * constructor is package-private. {@link AbstractCassandraTupleSink} is public and is exactly the
 * part wanted: it prepares the statement once per subtask, binds an {@code Object[]}, leaves null
 * values <em>unset</em> instead of writing tombstones ({@code ignoreNullFields}), caps in-flight
 * asynchronous writes with a semaphore, waits for all of them on every checkpoint (so a completed
 * checkpoint means the rows are in Cassandra: at-least-once) and fails the job on a failed write.
 *
 * <p>Values come from the schema typed for the 4.x driver; {@link #toDriver3} converts the one type
 * that differs ({@link Instant} to {@link Date}, what driver 3 binds to {@code timestamp}).
 */
abstract class CassandraRowSink<T> extends AbstractCassandraTupleSink<T> {
  private static final long serialVersionUID = 1L;

  /** How long a write may wait for a free slot before the job fails (a hung cluster). */
  static final Duration SLOT_TIMEOUT = Duration.ofMinutes(2);

  private final String counterName;
  private transient Counter written;

  CassandraRowSink(
      String insertCql, CassandraConnection connection, int maxConcurrent, String counterName) {
    super(
        insertCql,
        connection,
        CassandraSinkBaseConfig.newBuilder()
            .setMaxConcurrentRequests(maxConcurrent)
            .setMaxConcurrentRequestsTimeout(SLOT_TIMEOUT)
            .setIgnoreNullFields(true)
            .build(),
        new NoOpCassandraFailureHandler());
    this.counterName = counterName;
  }

  @Override
  public void open(Configuration configuration) {
    super.open(configuration);
    written =
        getRuntimeContext()
            .getMetricGroup()
            .addGroup(UserTransformFunction.METRIC_GROUP)
            .counter(counterName);
  }

  /** Counts a row once Cassandra acknowledged it; failures are the base class's business. */
  @Override
  public ListenableFuture<ResultSet> send(T value) {
    ListenableFuture<ResultSet> future = super.send(value);
    Futures.addCallback(
        future,
        new FutureCallback<>() {
          @Override
          public void onSuccess(ResultSet result) {
            written.inc();
          }

          @Override
          public void onFailure(Throwable t) {}
        },
        MoreExecutors.directExecutor());
    return future;
  }

  /** The schema's bind values as the 3.x driver binds them (in place). */
  static Object[] toDriver3(Object[] values) {
    for (int i = 0; i < values.length; i++) {
      if (values[i] instanceof Instant instant) {
        values[i] = Date.from(instant);
      }
    }
    return values;
  }
}
