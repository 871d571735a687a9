package dev.userstream.spark;

import com.datastax.oss.driver.api.core.ConsistencyLevel;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.DefaultConsistencyLevel;
import com.datastax.oss.driver.api.core.cql.BatchStatement;
import com.datastax.oss.driver.api.core.cql.BatchableStatement;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.DefaultBatchType;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Statement;
import com.datastax.spark.connector.cql.CassandraConnector;
import dev.userstream.model.CassandraSchema;
import dev.userstream.model.UserTransform;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.function.ForeachPartitionFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.util.LongAccumulator;

/**
 * Writes one partition of a micro-batch (Kafka records) to Cassandra: each record through
 * common-model's transformation, then prepared inserts into {@code created_users} or {@code
 * rejected_users}, sent asynchronously with a bounded number in flight.
 *
 * <p>Every row has its own partition key, so by default each insert goes alone ({@code
 * --cassandra-batch-size 1}), as the benchmark's ceiling writer sends them; a larger size groups
 * that many inserts of one table into an unlogged batch. The session comes from the Spark Cassandra
 * connector's cache, so it outlives the micro-batch. Nulls are left unset, never written as
 * tombstones. The first failed write fails the task once every write in flight has answered: Spark
 * then fails the batch, and the next run replays it from the checkpoint (the inserts are idempotent
 * upserts).
 */
final class CassandraPartitionWriter implements ForeachPartitionFunction<Row> {
  private static final long serialVersionUID = 1L;

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
      List<BoundStatement> users = new ArrayList<>(batchSize);
      List<BoundStatement> rejects = new ArrayList<>(batchSize);
      while (records.hasNext() && failure.get() == null) {
        KafkaRecordTransform.Bound row = binder.bind(records.next(), rejectedAt);
        List<BoundStatement> pending = row.user() ? users : rejects;
        pending.add(bind(row.user() ? insertUser : insertReject, row.values()));
        if (pending.size() >= batchSize) {
          send(session, pending, level, window, failure);
        }
        if (row.user()) {
          userCount++;
        } else {
          rejectCount++;
        }
      }
      send(session, users, level, window, failure);
      send(session, rejects, level, window, failure);
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

  /** Sends the pending inserts (one statement, or an unlogged batch of several) and clears them. */
  private static void send(
      CqlSession session,
      List<BoundStatement> pending,
      ConsistencyLevel level,
      Semaphore window,
      AtomicReference<Throwable> failure) {
    if (pending.isEmpty()) {
      return;
    }
    Statement<?> statement =
        pending.size() == 1
            ? pending.get(0)
            : BatchStatement.newInstance(
                DefaultBatchType.UNLOGGED, pending.toArray(new BatchableStatement<?>[0]));
    pending.clear();
    window.acquireUninterruptibly();
    session
        .executeAsync(statement.setConsistencyLevel(level))
        .whenComplete(
            (result, error) -> {
              if (error != null) {
                failure.compareAndSet(null, error);
              }
              window.release();
            });
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
