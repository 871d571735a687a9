package dev.userstream.bench;

import com.datastax.oss.driver.api.core.ConsistencyLevel;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.DriverException;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import dev.userstream.io.cassandra.CassandraPreflight;
import dev.userstream.io.cassandra.CassandraRowWriter;
import dev.userstream.model.CassandraSchema;
import java.time.Duration;

/**
 * The benchmark's own Cassandra access: a keyspace apart from the pipeline's, one table pair per
 * measured run (so a read-back scans only that run's rows), and the read-back itself.
 */
final class BenchCassandra implements AutoCloseable {
  /** Benchmark rows never mix with {@code spark_streams}. */
  static final String KEYSPACE = "userstream_bench";

  private static final int PAGE_SIZE = 5000;

  private final CqlSession session;
  private final ConsistencyLevel consistency;

  private BenchCassandra(CqlSession session, ConsistencyLevel consistency) {
    this.session = session;
    this.consistency = consistency;
  }

  /**
   * A session with timeouts long enough for DDL and full-table paging on a busy node, and the
   * connection's credentials and TLS.
   */
  static BenchCassandra open(BenchServers servers, int inFlight) {
    try {
      return new BenchCassandra(
          servers
              .sessions()
              .open(
                  config ->
                      config
                          .withDuration(DefaultDriverOption.REQUEST_TIMEOUT, Duration.ofSeconds(60))
                          .withDuration(
                              DefaultDriverOption.CONTROL_CONNECTION_AGREEMENT_TIMEOUT,
                              Duration.ofSeconds(30))
                          // The ceiling writer's whole in-flight window fits on one connection.
                          .withInt(
                              DefaultDriverOption.CONNECTION_MAX_REQUESTS, Math.max(1024, inFlight))
                          .withInt(DefaultDriverOption.REQUEST_PAGE_SIZE, PAGE_SIZE)),
          CassandraRowWriter.consistency(servers.connection().cassandraConsistency()));
    } catch (DriverException e) {
      throw new BenchException(
          CassandraPreflight.failure(servers.connection(), "connecting", e).getMessage(), e);
    }
  }

  CqlSession session() {
    return session;
  }

  /** The jobs' write consistency ({@code --cassandra-consistency}), for the ceiling's writes. */
  ConsistencyLevel consistency() {
    return consistency;
  }

  /** The schema of one run: {@code table} for users, {@code table_rej} for rejects. */
  static CassandraSchema schema(String table) {
    return new CassandraSchema(KEYSPACE, table, table + "_rej", 1);
  }

  /** Drops any earlier table of that name, then creates the pair afresh. */
  void recreate(String table) {
    drop(table);
    schema(table).ddl().forEach(cql -> session.execute(SimpleStatement.newInstance(cql)));
  }

  void drop(String table) {
    session.execute("DROP TABLE IF EXISTS " + KEYSPACE + "." + table);
    session.execute("DROP TABLE IF EXISTS " + KEYSPACE + "." + table + "_rej");
  }

  /** Whether {@code table} holds at least one row (cheap: one partition). */
  boolean hasRows(String table) {
    return session.execute("SELECT id FROM " + KEYSPACE + "." + table + " LIMIT 1").one() != null;
  }

  /**
   * Every row's Cassandra write time ({@code WRITETIME(email)}, µs) and Kafka record time ({@code
   * event_time}, ms), read by paging through the run's table.
   */
  RowTimes rowTimes(String table) {
    return read(table, true);
  }

  /** Write times alone, of a table without {@code event_time} (the peer's); event times are 0. */
  RowTimes writeTimes(String table) {
    return read(table, false);
  }

  private RowTimes read(String table, boolean withEvent) {
    String columns = withEvent ? "WRITETIME(email), event_time" : "WRITETIME(email)";
    SimpleStatement select =
        SimpleStatement.newInstance("SELECT " + columns + " FROM " + KEYSPACE + "." + table)
            .setPageSize(PAGE_SIZE)
            .setTimeout(Duration.ofSeconds(60));
    RowTimes.Builder times = new RowTimes.Builder();
    for (Row row : session.execute(select)) {
      if (row.isNull(0) || (withEvent && row.isNull(1))) {
        continue; // a row without email has no write time of that column; none are produced
      }
      times.add(row.getLong(0), withEvent ? row.getInstant(1).toEpochMilli() : 0);
    }
    return times.build();
  }

  @Override
  public void close() {
    session.close();
  }
}
