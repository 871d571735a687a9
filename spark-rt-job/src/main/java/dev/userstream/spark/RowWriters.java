package dev.userstream.spark;

import dev.userstream.io.PipelineOptions;
import dev.userstream.io.cassandra.BoundRowWriter;
import dev.userstream.io.cassandra.KafkaRecordBinder.BoundRow;
import java.io.Serializable;

/**
 * Opens one task's {@link RowWriter} on an executor: in production pipeline-io's {@link
 * BoundRowWriter} on the executor's shared Cassandra session, in tests a collection. Serializable,
 * so Spark ships it inside the sink.
 */
@FunctionalInterface
interface RowWriters extends Serializable {

  /** Where one task's rows go, one at a time, until it is finished and closed. */
  interface RowWriter extends AutoCloseable {
    /** Sends the row; throws once an earlier write has failed. */
    void write(BoundRow row);

    /** Waits for every write in flight; throws with the first that failed. */
    void finish();

    @Override
    void close();
  }

  /** A writer for one task (a partition of an epoch or of a micro-batch). */
  RowWriter open();

  /**
   * {@link BoundRowWriter#shared}: the executor's one session from pipeline-io's {@code
   * CassandraSessions} (contact points, credentials, TLS, consistency), kept across epochs, both
   * inserts prepared, {@code --cassandra-concurrent-writes} in flight, {@code batchSize} inserts
   * per unlogged batch.
   */
  static RowWriters cassandra(PipelineOptions p, int batchSize) {
    return () -> {
      BoundRowWriter writer = BoundRowWriter.shared(p, batchSize);
      return new RowWriter() {
        @Override
        public void write(BoundRow row) {
          writer.write(row);
        }

        @Override
        public void finish() {
          writer.finish();
        }

        @Override
        public void close() {
          writer.close();
        }
      };
    };
  }

  /**
   * These writers as spark-common's {@link RowSink}, for the micro-batch query ({@code
   * available-now}): one writer per partition of a batch, finished before the task ends.
   */
  default RowSink asRowSink() {
    return rows -> {
      try (RowWriter writer = open()) {
        rows.forEachRemaining(writer::write);
        writer.finish();
      }
    };
  }
}
