package dev.userstream.bench;

import dev.userstream.io.PipelineOptions;
import java.nio.file.Path;
import java.util.List;

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
    run(
        engine,
        topic,
        ctx.plan.engineWarmupEvents(),
        "warm_" + BenchContext.tableName(engine),
        engine + " warm-up",
        null);
  }

  /** One measured run over the backlog {@code topic} holding {@code expected} events. */
  RunResult measure(String engine, String topic, long expected, int repeat) {
    String table = "thr_" + BenchContext.tableName(engine) + "_" + repeat;
    String label = engine + " throughput " + repeat + "/" + ctx.plan.repeat();
    // The peer runs under spark-submit, whose JVM options the benchmark does not set.
    Path recording =
        ctx.plan.profile() && !engine.equals(BenchPlan.PEER) ? ctx.recording(table) : null;
    RunOutcome outcome = run(engine, topic, expected, table, label, recording);
    RowTimes times = outcome.times();
    if (times.count() != expected) {
      ctx.note(label + ": " + times.count() + " rows in Cassandra, " + expected + " produced");
    }
    RunCpu cpu = outcome.cpu().measure(times);
    if (recording != null && times.count() > 0) {
      ctx.recordings.add(
          new JfrProfile.Recording(
              engine, recording, times.firstWriteMicros(), times.lastWriteMicros()));
    }
    RunResult result =
        RunResult.throughput(
            Scenario.THROUGHPUT,
            engine,
            repeat,
            times.count(),
            times.spanSeconds(),
            outcome.wallSeconds(),
            cpu);
    ctx.print(
        String.format(
            "  %s: %,d rows, %,.0f rows/s first-to-last write (%.1f s), wall %.1f s (%,.0f rows/s)",
            label,
            result.rows(),
            result.rowsPerSecond(),
            result.spanSeconds(),
            result.wallSeconds(),
            result.wallRowsPerSecond()));
    if (cpu != null) {
      ctx.print("  " + label + ": " + cpuLine(cpu));
    }
    return result;
  }

  /** The console line of a run's CPU: µs per row of each measured process, and the job's start. */
  static String cpuLine(RunCpu cpu) {
    StringBuilder line = new StringBuilder("CPU per row (steady state):");
    cpu.microsPerRow()
        .forEach(
            (role, micros) -> line.append(String.format(" %s %.0f µs,", role.label(), micros)));
    line.append(String.format(" total %.0f µs", cpu.totalMicrosPerRow()));
    if (!Double.isNaN(cpu.jobStartupSeconds())) {
      line.append(String.format("; job start-up %.1f CPU-s", cpu.jobStartupSeconds()));
    }
    return line.toString();
  }

  private record RunOutcome(RowTimes times, double wallSeconds, CpuSampler.Samples cpu) {}

  /** One job run; with a flight recording into {@code recording} unless it is null. */
  private RunOutcome run(
      String engine, String topic, long expected, String table, String label, Path recording) {
    if (engine.equals(BenchPlan.PEER)) {
      PeerRun.Outcome peer = new PeerRun(ctx).run(topic, table, expected, label);
      return new RunOutcome(peer.times(), peer.wallSeconds(), peer.cpu());
    }
    ctx.cassandra.recreate(table);
    PipelineOptions options = ctx.options(topic, table, PipelineOptions.Mode.AVAILABLE_NOW);
    List<String> jvmOptions = recording == null ? List.of() : JfrProfile.jvmOptions(recording);
    ProcessBuilder job = ctx.job(engine, options, jvmOptions);
    double wall;
    CpuSampler.Samples cpu;
    try (JobRun run = ctx.startJob(job, table, label);
        CpuSampler sampler = ctx.sampleJob(run)) {
      wall = run.awaitExit(ctx.plan.jobTimeout(), ctx.out);
      cpu = sampler.stop();
    }
    RowTimes times = ctx.cassandra.rowTimes(table);
    if (!ctx.plan.keepData()) {
      ctx.cassandra.drop(table);
    }
    return new RunOutcome(times, wall, cpu);
  }
}
