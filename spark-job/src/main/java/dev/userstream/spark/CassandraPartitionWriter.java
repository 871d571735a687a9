package dev.userstream.spark;

import com.datastax.oss.driver.api.core.ConsistencyLevel;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.DefaultConsistencyLevel;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.spark.connector.cql.CassandraConnector;
import dev.userstream.model.CassandraSchema;
import dev.userstream.model.UserTransform;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.function.ForeachPartitionFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.util.LongAccumulator;

/**
 * Writes one partition of a micro-batch (Kafka records) to Cassandra: each record through
 * common-model's transformation, then one prepared insert per row into {@code created_users} or
 * {@code rejected_users}, sent asynchronously with a bounded number in flight.
 *
 * <p>Every row has its own partition key, so batch statements would only add coordinator work;
 * single bound inserts with many in flight are what the ceiling writer of the benchmark does too.
 * The session comes from the Spark Cassandra connector's cache, so it outlives the micro-batch.
 * Nulls are left unset, never written as tombstones. The first failed write fails the task once
 * every write in flight has answered: Spark then fails the batch, and the next run replays it from
 * the checkpoint (the inserts are idempotent upserts).
 */
final class CassandraPartitionWriter implements ForeachPartitionFunction<Row> {
  private static final long serialVersionUID = 1L;

  private final Map<String, String> connectorSettings;
  private final CassandraSchema schema;
  private final UserTransform transform;
  private final String consistency;
  private final int inFlight;
  private final LongAccumulator users;
  private final LongAccumulator rejects;

  CassandraPartitionWriter(
      SparkJobOptions options, LongAccumulator users, LongAccumulator rejects) {
    this.connectorSettings = new LinkedHashMap<>(CassandraTarget.settings(options));
    this.schema = options.pipeline().cassandraSchema();
    this.transform = new UserTransform(options.pipeline().limits());
    this.consistency = options.cassandraConsistency();
    this.inFlight = options.cassandraConcurrentWrites();
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
    ConsistencyLevel level = DefaultConsistencyLevel.valueOf(consistency);
    // One rejected_at per partition of a batch: the moment this task judged the records.
    Instant rejectedAt = Instant.now();
    long userCount = 0;
    long rejectCount = 0;
    try (CqlSession session = CassandraConnector.apply(conf).openSession()) {
      PreparedStatement insertUser = session.prepare(schema.insertUserCql());
      PreparedStatement insertReject = session.prepare(schema.insertRejectCql());
      Semaphore window = new Semaphore(inFlight);
      AtomicReference<Throwable> failure = new AtomicReference<>();
      while (records.hasNext() && failure.get() == null) {
        KafkaRecordTransform.Bound row = binder.bind(records.next(), rejectedAt);
        BoundStatement insert =
            bind(row.user() ? insertUser : insertReject, row.values()).setConsistencyLevel(level);
        window.acquireUninterruptibly();
        session
            .executeAsync(insert)
            .whenComplete(
                (result, error) -> {
                  if (error != null) {
                    failure.compareAndSet(null, error);
                  }
                  window.release();
                });
        if (row.user()) {
          userCount++;
        } else {
          rejectCount++;
        }
      }
      window.acquireUninterruptibly(inFlight); // every write has answered
      if (failure.get() != null) {
        throw new IllegalStateException(
            "a write to Cassandra failed: " + CassandraTarget.firstLine(failure.get()),
            failure.get());
      }
    }
    users.add(userCount);
    rejects.add(rejectCount);
  }

  /** Binds the values, leaving nulls unset: an absent optional field writes nothing. */
  static BoundStatement bind(PreparedStatement statement, Object[] values) {
    BoundStatement bound = statement.bind(values);
    for (int i = 0; i < values.length; i++) {
      if (values[i] == null) {
        bound = bound.unset(i);
      }
    }
    return bound;
  }
}
