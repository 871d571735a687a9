package dev.userstream.bench;

import dev.userstream.io.PipelineOptions;
import dev.userstream.producer.ProduceSummary;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * End-to-end latency of one engine: the job runs continuously while the producer sends at a fixed
 * rate; each row's latency is its Cassandra {@code WRITETIME} minus its Kafka record timestamp
 * ({@code event_time}). Rows sent during the warm-up phase are not counted.
 *
 * <p>Order of a run: a backlog of {@link BenchPlan#engineWarmupEvents()} events and one probe
 * event, the job started and awaited until all their rows are in Cassandra (so start-up is never
 * mistaken for latency, and the job's JIT has compiled the transformation before the paced phase),
 * the paced send, a drain until every row is in, then the job is stopped.
 *
 * <p>Why the backlog: a cold job JVM is several times slower for its first tens of thousands of
 * records. Measured here with Spark at 4,600 events/s and no backlog, the batches of the first 30 s
 * took up to 9.9 s and their queue took about 45 s to drain, so a 30 s warm-up phase still left
 * seconds-long latencies in the measured phase.
 */
final class LatencyScenario {
  private static final long PROBE_SEED = 7;
  private static final long SEED = 4242;
  private static final long WARMUP_SEED = 4343;
  private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(90);

  private final BenchContext ctx;

  LatencyScenario(BenchContext ctx) {
    this.ctx = ctx;
  }

  /** One measured run at {@code rate} events/s. */
  RunResult measure(String engine, double rate, int repeat) {
    String table = "lat_" + BenchContext.tableName(engine) + "_" + repeat;
    String label = engine + " latency " + repeat + "/" + ctx.plan.repeat();
    String topic = ctx.topic("lat_" + engine + "_" + repeat);
    ctx.cassandra.recreate(table);
    long warmup = ctx.plan.engineWarmupEvents();
    if (warmup > 0) {
      ctx.produce(topic, warmup, WARMUP_SEED, 0, null); // creates the topic as well
    }
    ctx.produce(topic, 1, PROBE_SEED, 0, null);
    PipelineOptions options = ctx.options(topic, table, PipelineOptions.Mode.CONTINUOUS);
    ProcessBuilder job = ctx.job(engine, options);
    RowTimes times;
    long measureFrom;
    long expected;
    try (JobRun run = JobRun.start(job, ctx.log(table), label)) {
      ctx.print(
          String.format(
              "  %s: job started, log %s; waiting for its %,d warm-up and probe rows",
              label, ctx.log(table), warmup + 1));
      awaitRows(run, table, warmup + 1, label);
      ctx.print(
          String.format(
              "  %s: job ready after %.1f s; sending %,.0f events/s for %d s (first %d s not"
                  + " counted)",
              label,
              run.seconds(),
              rate,
              ctx.plan.latencyWarmup().plus(ctx.plan.latencyDuration()).toSeconds(),
              ctx.plan.latencyWarmup().toSeconds()));
      measureFrom = System.currentTimeMillis() + ctx.plan.latencyWarmup().toMillis();
      ProduceSummary sent =
          ctx.produce(
              topic, 0, SEED, rate, ctx.plan.latencyWarmup().plus(ctx.plan.latencyDuration()));
      expected = sent.produced() + warmup + 1;
      times = drain(run, table, expected, label);
    }
    if (!ctx.plan.keepData()) {
      ctx.cassandra.drop(table);
    }
    if (times.count() < expected) {
      ctx.note(label + ": " + times.count() + " rows in Cassandra, " + expected + " produced");
    }
    double[] latencies = times.latenciesMillis(measureFrom);
    if (latencies.length == 0) {
      throw new BenchException(label + ": no row was sent after the warm-up phase");
    }
    Percentiles p = Percentiles.of(latencies);
    ctx.print(
        String.format(
            "  %s: %,d rows measured, latency p50 %.0f ms, p95 %.0f ms, p99 %.0f ms, max %.0f ms",
            label, p.count(), p.p50(), p.p95(), p.p99(), p.max()));
    return new RunResult(
        Scenario.LATENCY,
        engine,
        repeat,
        p.count(),
        times.spanSeconds(),
        times.rowsPerSecond(),
        0,
        rate,
        p,
        RunResult.quantiles(latencies),
        null);
  }

  /** Waits until the job has written {@code rows} rows: started, and caught up with its backlog. */
  private void awaitRows(JobRun run, String table, long rows, String label) {
    long deadline = System.nanoTime() + ctx.plan.jobTimeout().toNanos();
    long nextLine = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    long written;
    while ((written = written(table, rows)) < rows) {
      if (!run.isAlive()) {
        throw new BenchException(
            String.format(
                "the %s job exited after writing %,d of its %,d warm-up and probe rows%s",
                label, written, rows, run.tail()));
      }
      if (System.nanoTime() > deadline) {
        throw new BenchException(
            String.format(
                "the %s job wrote %,d of its %,d warm-up and probe rows in %d s%s",
                label, written, rows, ctx.plan.jobTimeout().toSeconds(), run.tail()));
      }
      if (System.nanoTime() > nextLine) {
        ctx.print(
            String.format(
                "  %s: starting, %.0f s, %,d of %,d rows in", label, run.seconds(), written, rows));
        nextLine = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
      }
      sleep(rows == 1 ? 250 : 1000);
    }
  }

  /**
   * Rows in {@code table}: a one-partition look-up while one is awaited, else a count by paging.
   */
  private long written(String table, long awaited) {
    if (awaited == 1) {
      return ctx.cassandra.hasRows(table) ? 1 : 0;
    }
    return ctx.cassandra.rowTimes(table).count();
  }

  /** Reads the rows until all {@code expected} are in, or no new row came for a while. */
  private RowTimes drain(JobRun run, String table, long expected, String label) {
    long deadline = System.nanoTime() + DRAIN_TIMEOUT.toNanos();
    RowTimes times = ctx.cassandra.rowTimes(table);
    while (times.count() < expected && System.nanoTime() < deadline && run.isAlive()) {
      ctx.print(
          String.format("  %s: draining, %,d of %,d rows in", label, times.count(), expected));
      sleep(2000);
      times = ctx.cassandra.rowTimes(table);
    }
    return times;
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new BenchException("interrupted");
    }
  }
}
