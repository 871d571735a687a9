package dev.userstream.spark;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.spark.connector.cql.CassandraConnector;
import dev.userstream.io.PipelineOptions;
import dev.userstream.io.cassandra.BoundRowWriter;
import dev.userstream.io.cassandra.CassandraRowWriter;
import dev.userstream.io.cassandra.KafkaRecordBinder.BoundRow;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.SparkConf;

/**
 * The production {@link RowSink}: pipeline-io's {@link BoundRowWriter} over {@link
 * CassandraRowWriter} (the writer the benchmark's ceiling measures) on the Spark Cassandra
 * connector's session, which the connector caches per executor so it outlives the micro-batch. The
 * settings were reconciled on the driver ({@link SparkCassandra}); the first failed write fails the
 * task once every write in flight has answered, and Spark replays the batch (the inserts are
 * idempotent upserts).
 */
final class CassandraSink implements RowSink {
  private static final long serialVersionUID = 1L;

  private final Map<String, String> settings;
  private final PipelineOptions options;
  private final int batchSize;

  CassandraSink(Map<String, String> settings, PipelineOptions options, int batchSize) {
    this.settings = new LinkedHashMap<>(settings);
    this.options = options;
    this.batchSize = batchSize;
  }

  @Override
  public void write(Iterator<BoundRow> rows) {
    SparkConf conf = new SparkConf(false);
    settings.forEach(conf::set);
    try (CqlSession session = CassandraConnector.apply(conf).openSession()) {
      BoundRowWriter writer = new BoundRowWriter(session, options, batchSize);
      rows.forEachRemaining(writer::write);
      writer.finish();
    }
  }
}
