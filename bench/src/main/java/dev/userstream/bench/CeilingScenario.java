package dev.userstream.bench;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.DriverException;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.userstream.io.cassandra.CassandraRowWriter;
import dev.userstream.io.cassandra.KafkaRecordBinder;
import dev.userstream.model.CassandraSchema;
import dev.userstream.model.UserTransform;
import dev.userstream.producer.GeneratorSource;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * The ceiling: the same rows the jobs write, sent straight to Cassandra by the Spark job's own
 * writer ({@link CassandraRowWriter}: prepared insert, nulls unset, a bounded window of requests in
 * flight, the jobs' consistency level) without an engine around it. No engine can beat it on this
 * machine, so each engine's figure is reported as a share of it.
 *
 * <p>The rows are a pool of generator users bound by the jobs' {@link KafkaRecordBinder} once,
 * before the clock starts; each write gets a fresh id, so every write is a new row. Generating
 * while writing would charge the generator's CPU to Cassandra on a two-core machine.
 */
final class CeilingScenario {
  private static final int POOL = 10_000;
  private static final long PROGRESS_NANOS = TimeUnit.SECONDS.toNanos(2);
  private static final List<String> COLUMNS = BenchCassandra.schema("ceiling").userColumns();
  private static final int ID = COLUMNS.indexOf("id");
  private static final int OFFSET = COLUMNS.indexOf("source_offset");
  private static final int EVENT_TIME = COLUMNS.indexOf("event_time");

  private final BenchCassandra cassandra;
  private final int inFlight;
  private final PrintWriter out;
  private final List<Object[]> pool;
  private final Map<CpuRole, CpuSampler.Target> cpuTargets;

  /**
   * @param cpuTargets the processes whose CPU each measured run records (the writer: this JVM)
   */
  CeilingScenario(
      BenchCassandra cassandra,
      int inFlight,
      long seed,
      PrintWriter out,
      Map<CpuRole, CpuSampler.Target> cpuTargets) {
    this.cassandra = cassandra;
    this.cpuTargets = cpuTargets;
    this.inFlight = inFlight;
    this.out = out;
    this.pool = pool(seed);
  }

  /** Writes {@code rows} rows to a fresh {@code table} and measures them; {@code repeat} ≥ 1. */
  RunResult measure(String table, long rows, int repeat, String label, boolean keep) {
    double wall;
    CpuSampler.Samples samples;
    for (int attempt = 1; ; attempt++) {
      cassandra.recreate(table);
      try (CpuSampler sampler = CpuSampler.start(cpuTargets)) {
        wall = write(table, rows, label);
        samples = sampler.stop();
        break;
      } catch (BenchException e) {
        // A write that timed out at 1,024 in flight (a flush, a GC pause) should not cost a whole
        // benchmark: the repeat runs once more from the start, and a second failure ends it.
        if (attempt == MAX_ATTEMPTS || !(e.getCause() instanceof DriverException)) {
          throw e;
        }
        out.printf("  %s: %s; running this repeat again%n", label, e.getMessage());
      }
    }
    RowTimes times = cassandra.rowTimes(table);
    if (!keep) {
      cassandra.drop(table);
    }
    return RunResult.throughput(
        Scenario.CEILING,
        RunResult.CEILING_ENGINE,
        repeat,
        times.count(),
        times.spanSeconds(),
        wall,
        samples.measure(times));
  }

  /** Writes {@code rows} rows to a fresh table, unmeasured (the warm-up), then drops it. */
  void warmUp(String table, long rows) {
    cassandra.recreate(table);
    try {
      write(table, rows, "warm-up");
    } catch (BenchException e) {
      if (!(e.getCause() instanceof DriverException)) {
        throw e;
      }
      out.printf("  warm-up: %s; it is not counted, so the benchmark goes on%n", e.getMessage());
    }
    cassandra.drop(table);
  }

  private static final int MAX_ATTEMPTS = 2;

  /** Returns the seconds from the first write to the last answer. */
  private double write(String table, long rows, String label) {
    CqlSession session = cassandra.session();
    CassandraSchema schema = BenchCassandra.schema(table);
    PreparedStatement insert = session.prepare(schema.insertUserCql());
    CassandraRowWriter writer =
        new CassandraRowWriter(session, cassandra.consistency(), inFlight, 1);
    long salt = System.nanoTime();
    long start = System.nanoTime();
    long nextProgress = start + PROGRESS_NANOS;
    for (long i = 0; i < rows && !writer.failed(); i++) {
      Object[] values = pool.get((int) (i % pool.size())).clone();
      // A new row per write, with its own position and time; the rest of the pool row as is.
      values[ID] = new UUID(salt, i);
      values[OFFSET] = i;
      values[EVENT_TIME] = Instant.now();
      writer.write(insert, values);
      long now = System.nanoTime();
      if (now >= nextProgress) {
        progress(label, writer.acknowledged(), rows, now - start);
        nextProgress = now + PROGRESS_NANOS;
      }
    }
    try {
      writer.finish(); // every answer is in
    } catch (CassandraRowWriter.WriteFailedException e) {
      throw new BenchException(
          "the ceiling writer failed after "
              + writer.acknowledged()
              + " rows: "
              + e.getCause().getMessage(),
          e.getCause());
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    progress(label, rows, rows, (long) (seconds * 1e9));
    return seconds;
  }

  private void progress(String label, long done, long total, long nanos) {
    double seconds = nanos / 1e9;
    out.printf(
        "  %s: %,d/%,d rows, %.0f s, %,.0f rows/s%n",
        label, done, total, seconds, done / Math.max(seconds, 1e-3));
    out.flush();
  }

  /** Generator records bound as the jobs bind them; only the users are kept. */
  private static List<Object[]> pool(long seed) {
    ObjectMapper json = new ObjectMapper();
    KafkaRecordBinder binder =
        new KafkaRecordBinder(
            UserTransform.withDefaults(),
            BenchCassandra.schema("ceiling"),
            RunResult.CEILING_ENGINE);
    Instant now = Instant.now();
    List<Object[]> users = new ArrayList<>(POOL);
    try (GeneratorSource source = new GeneratorSource(seed)) {
      for (long offset = 0; users.size() < POOL; offset++) {
        KafkaRecordBinder.BoundRow row =
            binder.bind(json.writeValueAsBytes(source.next()), "ceiling", 0, offset, now, now);
        if (row.user()) {
          users.add(row.values());
        }
      }
    } catch (Exception e) {
      throw new BenchException("cannot generate the ceiling's rows: " + e.getMessage(), e);
    }
    return users;
  }
}
