package dev.userstream.spark;

import dev.userstream.io.cassandra.KafkaRecordBinder.BoundRow;
import java.io.Serializable;
import java.util.Iterator;

/**
 * Where one task's bound rows go: Cassandra in production (spark-job's {@code CassandraSink} on the
 * connector's session, spark-rt-job's on a session of its own), a collection in tests. Called once
 * per partition of each micro-batch, on an executor.
 */
@FunctionalInterface
interface RowSink extends Serializable {
  /** Writes every row, or throws so that Spark fails the task and replays the batch. */
  void write(Iterator<BoundRow> rows);
}
