package dev.userstream.spark;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.spark.connector.cql.CassandraConnector;
import dev.userstream.io.cassandra.CassandraRowWriter;
import dev.userstream.io.cassandra.KafkaRecordBinder;
import dev.userstream.model.CassandraSchema;
import dev.userstream.model.UserTransform;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.function.ForeachPartitionFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.util.LongAccumulator;

/**
 * Writes one partition of a micro-batch (Kafka records) to Cassandra: each record bound by {@link
 * KafkaRecordTransform} (common-model's transformation), then written by pipeline-io's {@link
 * CassandraRowWriter}, the writer the benchmark's ceiling measures: prepared inserts into {@code
 * created_users} or {@code rejected_users}, nulls unset, a bounded number in flight, {@code
 * --cassandra-batch-size} rows per statement.
 *
 * <p>The session comes from the Spark Cassandra connector's cache, so it outlives the micro-batch.
 * The first failed write fails the task once every write in flight has answered: Spark then fails
 * the batch, and the next run replays it from the checkpoint (the inserts are idempotent upserts).
 */
final class CassandraPartitionWriter implements ForeachPartitionFunction<Row> {
  private static final long serialVersionUID = 2L;

  private final Map<String, String> connectorSettings;
  private final CassandraSchema schema;
  private final UserTransform transform;
  private final String consistency;
  private final int inFlight;
  private final int batchSize;
  private final LongAccumulator users;
  private final LongAccumulator rejects;

  CassandraPartitionWriter(
      SparkJobOptions options, LongAccumulator users, LongAccumulator rejects) {
    this.connectorSettings = new LinkedHashMap<>(CassandraTarget.settings(options));
    this.schema = options.pipeline().cassandraSchema();
    this.transform = new UserTransform(options.pipeline().limits());
    this.consistency = options.pipeline().cassandraConsistency();
    this.inFlight = options.pipeline().cassandraConcurrentWrites();
    this.batchSize = options.cassandraBatchSize();
    this.users = users;
    this.rejects = rejects;
  }

  @Override
  public void call(Iterator<Row> records) {
    if (!records.hasNext()) {
      return;
    }
    SparkConf conf = new SparkConf(false);
    connectorSettings.forEach(conf::set);
    KafkaRecordTransform binder = new KafkaRecordTransform(transform, schema);
    // One rejected_at per partition of a batch: the moment this task judged the records.
    Instant rejectedAt = Instant.now();
    long userCount = 0;
    long rejectCount = 0;
    try (CqlSession session = CassandraConnector.apply(conf).openSession()) {
      PreparedStatement insertUser = session.prepare(schema.insertUserCql());
      PreparedStatement insertReject = session.prepare(schema.insertRejectCql());
      CassandraRowWriter writer =
          new CassandraRowWriter(
              session, CassandraRowWriter.consistency(consistency), inFlight, batchSize);
      while (records.hasNext() && !writer.failed()) {
        KafkaRecordBinder.BoundRow row = binder.bind(records.next(), rejectedAt);
        writer.write(row.user() ? insertUser : insertReject, row.values());
        if (row.user()) {
          userCount++;
        } else {
          rejectCount++;
        }
      }
      writer.finish();
    }
    users.add(userCount);
    rejects.add(rejectCount);
  }
}
