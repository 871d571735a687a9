package dev.userstream.bench;

import dev.userstream.io.PipelineOptions;

/**
 * Throughput of one engine: a backlog already in Kafka, processed by the job in available-now mode.
 * The sustained rate comes from Cassandra's own write times of the first and last row, so the job's
 * start-up is not in it; the wall time from job start to exit is reported next to it, so the
 * start-up cost stays visible. The peer ({@link PeerRun}) never exits: its wall time ends at its
 * last row's write.
 */
final class ThroughputScenario {
  private final BenchContext ctx;

  ThroughputScenario(BenchContext ctx) {
    this.ctx = ctx;
  }

  /** One uncounted run on {@code topic}: JIT, connections and Cassandra's memtables warm up. */
  void warmUp(String engine, String topic) {
    run(engine, topic, ctx.plan.engineWarmupEvents(), "warm_" + engine, engine + " warm-up");
  }

  /** One measured run over the backlog {@code topic} holding {@code expected} events. */
  RunResult measure(String engine, String topic, long expected, int repeat) {
    String table = "thr_" + engine + "_" + repeat;
    String label = engine + " throughput " + repeat + "/" + ctx.plan.repeat();
    RunOutcome outcome = run(engine, topic, expected, table, label);
    RowTimes times = outcome.times();
    if (times.count() != expected) {
      ctx.note(label + ": " + times.count() + " rows in Cassandra, " + expected + " produced");
    }
    RunResult result =
        RunResult.throughput(
            Scenario.THROUGHPUT,
            engine,
            repeat,
            times.count(),
            times.spanSeconds(),
            outcome.wallSeconds());
    ctx.print(
        String.format(
            "  %s: %,d rows, %,.0f rows/s first-to-last write (%.1f s), wall %.1f s (%,.0f rows/s)",
            label,
            result.rows(),
            result.rowsPerSecond(),
            result.spanSeconds(),
            result.wallSeconds(),
            result.wallRowsPerSecond()));
    return result;
  }

  private record RunOutcome(RowTimes times, double wallSeconds) {}

  private RunOutcome run(String engine, String topic, long expected, String table, String label) {
    if (engine.equals(BenchPlan.PEER)) {
      PeerRun.Outcome peer = new PeerRun(ctx).run(topic, table, expected, label);
      return new RunOutcome(peer.times(), peer.wallSeconds());
    }
    ctx.cassandra.recreate(table);
    PipelineOptions options = ctx.options(topic, table, PipelineOptions.Mode.AVAILABLE_NOW);
    ProcessBuilder job = ctx.job(engine, options);
    double wall;
    try (JobRun run = JobRun.start(job, ctx.log(table), label)) {
      ctx.print("  " + label + ": job started, log " + ctx.log(table));
      wall = run.awaitExit(ctx.plan.jobTimeout(), ctx.out);
    }
    RowTimes times = ctx.cassandra.rowTimes(table);
    if (!ctx.plan.keepData()) {
      ctx.cassandra.drop(table);
    }
    return new RunOutcome(times, wall);
  }
}
