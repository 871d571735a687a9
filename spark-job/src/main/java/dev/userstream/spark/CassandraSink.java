package dev.userstream.spark;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.spark.connector.cql.CassandraConnector;
import dev.userstream.io.PipelineOptions;
import dev.userstream.io.cassandra.CassandraRowWriter;
import dev.userstream.io.cassandra.KafkaRecordBinder.BoundRow;
import dev.userstream.model.CassandraSchema;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.SparkConf;

/**
 * The production {@link RowSink}: pipeline-io's {@link CassandraRowWriter} (the writer the
 * benchmark's ceiling measures) on the Spark Cassandra connector's session, which the connector
 * caches per executor so it outlives the micro-batch. The settings were reconciled on the driver
 * ({@link SparkCassandra}); the first failed write fails the task once every write in flight has
 * answered, and Spark replays the batch (the inserts are idempotent upserts).
 */
final class CassandraSink implements RowSink {
  private static final long serialVersionUID = 1L;

  private final Map<String, String> settings;
  private final CassandraSchema schema;
  private final String consistency;
  private final int inFlight;
  private final int batchSize;

  CassandraSink(Map<String, String> settings, PipelineOptions p, int batchSize) {
    this.settings = new LinkedHashMap<>(settings);
    this.schema = p.cassandraSchema();
    this.consistency = p.cassandraConsistency();
    this.inFlight = p.cassandraConcurrentWrites();
    this.batchSize = batchSize;
  }

  @Override
  public void write(Iterator<BoundRow> rows) {
    SparkConf conf = new SparkConf(false);
    settings.forEach(conf::set);
    try (CqlSession session = CassandraConnector.apply(conf).openSession()) {
      PreparedStatement users = session.prepare(schema.insertUserCql());
      PreparedStatement rejects = session.prepare(schema.insertRejectCql());
      CassandraRowWriter writer =
          new CassandraRowWriter(
              session, CassandraRowWriter.consistency(consistency), inFlight, batchSize);
      while (rows.hasNext() && !writer.failed()) {
        BoundRow row = rows.next();
        writer.write(row.user() ? users : rejects, row.values());
      }
      writer.finish();
    }
  }
}
