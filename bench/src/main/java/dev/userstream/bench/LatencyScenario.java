package dev.userstream.bench;

import dev.userstream.model.PipelineOptions;
import dev.userstream.producer.ProduceSummary;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * End-to-end latency of one engine: the job runs continuously while the producer sends at a fixed
 * rate; each row's latency is its Cassandra {@code WRITETIME} minus its Kafka record timestamp
 * ({@code event_time}). Rows sent during the warm-up phase are not counted.
 *
 * <p>Order of a run: one probe event, the job started and awaited until the probe's row is in
 * Cassandra (so start-up is never mistaken for latency), the paced send, a drain until every row is
 * in, then the job is stopped.
 */
final class LatencyScenario {
  private static final long PROBE_SEED = 7;
  private static final long SEED = 4242;
  private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(90);

  private final BenchContext ctx;

  LatencyScenario(BenchContext ctx) {
    this.ctx = ctx;
  }

  /** One measured run at {@code rate} events/s. */
  RunResult measure(String engine, double rate, int repeat) {
    String table = "lat_" + engine + "_" + repeat;
    String label = engine + " latency " + repeat + "/" + ctx.plan.repeat();
    String topic = ctx.topic("lat_" + engine + "_" + repeat);
    ctx.cassandra.recreate(table);
    ctx.produce(topic, 1, PROBE_SEED, 0, null); // creates the topic as well
    PipelineOptions options = ctx.options(topic, table, PipelineOptions.Mode.CONTINUOUS);
    ProcessBuilder job = ctx.starter.process(engine, ctx.jobArgs(engine, options));
    RowTimes times;
    long measureFrom;
    long expected;
    try (JobRun run = JobRun.start(job, ctx.log(table), label)) {
      ctx.print("  " + label + ": job started, log " + ctx.log(table) + "; waiting for the probe");
      awaitFirstRow(run, table, label);
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
      expected = sent.produced() + 1;
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
        RunResult.quantiles(latencies));
  }

  private void awaitFirstRow(JobRun run, String table, String label) {
    long deadline = System.nanoTime() + ctx.plan.jobTimeout().toNanos();
    long nextLine = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (!ctx.cassandra.hasRows(table)) {
      if (!run.isAlive()) {
        throw new BenchException("the " + label + " job exited before it wrote a row" + run.tail());
      }
      if (System.nanoTime() > deadline) {
        throw new BenchException("the " + label + " job wrote no row in time" + run.tail());
      }
      if (System.nanoTime() > nextLine) {
        ctx.print(String.format("  %s: starting, %.0f s", label, run.seconds()));
        nextLine = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
      }
      sleep(250);
    }
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
