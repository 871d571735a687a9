package dev.userstream.bench;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.userstream.model.CassandraSchema;
import dev.userstream.model.CreatedUser;
import dev.userstream.model.Lineage;
import dev.userstream.model.UserTransform;
import dev.userstream.producer.GeneratorSource;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The ceiling: the same rows the jobs write, sent straight to Cassandra by a tight async writer
 * (prepared statement, a bounded window of requests in flight). No engine can beat it on this
 * machine, so each engine's figure is reported as a share of it.
 *
 * <p>The rows are a pool of generator users run through {@link UserTransform} once, before the
 * clock starts; each write gets a fresh id, so every write is a new row. Generating while writing
 * would charge the generator's CPU to Cassandra on a two-core machine.
 */
final class CeilingScenario {
  private static final int POOL = 10_000;
  private static final long PROGRESS_NANOS = TimeUnit.SECONDS.toNanos(2);

  private final BenchCassandra cassandra;
  private final int inFlight;
  private final PrintWriter out;
  private final List<CreatedUser> pool;

  CeilingScenario(BenchCassandra cassandra, int inFlight, long seed, PrintWriter out) {
    this.cassandra = cassandra;
    this.inFlight = inFlight;
    this.out = out;
    this.pool = pool(seed);
  }

  /** Writes {@code rows} rows to a fresh {@code table} and measures them; {@code repeat} ≥ 1. */
  RunResult measure(String table, long rows, int repeat, String label, boolean keep) {
    cassandra.recreate(table);
    double wall = write(table, rows, label);
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
        wall);
  }

  /** Writes {@code rows} rows to a fresh table, unmeasured (the warm-up), then drops it. */
  void warmUp(String table, long rows) {
    cassandra.recreate(table);
    write(table, rows, "warm-up");
    cassandra.drop(table);
  }

  /** Returns the seconds from the first write to the last answer. */
  private double write(String table, long rows, String label) {
    CqlSession session = cassandra.session();
    CassandraSchema schema = BenchCassandra.schema(table);
    PreparedStatement insert = session.prepare(schema.insertUserCql());
    Semaphore window = new Semaphore(inFlight);
    AtomicReference<Throwable> failure = new AtomicReference<>();
    AtomicLong done = new AtomicLong();
    long salt = System.nanoTime();
    long start = System.nanoTime();
    long nextProgress = start + PROGRESS_NANOS;
    for (long i = 0; i < rows && failure.get() == null; i++) {
      window.acquireUninterruptibly();
      Object[] values =
          schema.userBindValues(
              pool.get((int) (i % pool.size())),
              new Lineage("ceiling", 0, i, Instant.now()),
              RunResult.CEILING_ENGINE);
      values[0] = new UUID(salt, i); // a new row per write, the rest of the pool row as is
      session
          .executeAsync(insert.bind(values))
          .whenComplete(
              (result, error) -> {
                if (error != null) {
                  failure.compareAndSet(null, error);
                }
                done.incrementAndGet();
                window.release();
              });
      long now = System.nanoTime();
      if (now >= nextProgress) {
        progress(label, done.get(), rows, now - start);
        nextProgress = now + PROGRESS_NANOS;
      }
    }
    window.acquireUninterruptibly(inFlight); // every answer is in
    double seconds = (System.nanoTime() - start) / 1e9;
    window.release(inFlight);
    if (failure.get() != null) {
      throw new BenchException(
          "the ceiling writer failed after " + done.get() + " rows: " + failure.get().getMessage(),
          failure.get());
    }
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

  private static List<CreatedUser> pool(long seed) {
    ObjectMapper json = new ObjectMapper();
    UserTransform transform = UserTransform.withDefaults();
    Instant now = Instant.now();
    List<CreatedUser> users = new ArrayList<>(POOL);
    try (GeneratorSource source = new GeneratorSource(seed)) {
      while (users.size() < POOL) {
        byte[] bytes = json.writeValueAsBytes(source.next());
        if (transform.apply(bytes, now) instanceof CreatedUser user) {
          users.add(user);
        }
      }
    } catch (Exception e) {
      throw new BenchException("cannot generate the ceiling's rows: " + e.getMessage(), e);
    }
    return users;
  }
}
