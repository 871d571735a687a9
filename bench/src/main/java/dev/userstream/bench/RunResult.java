package dev.userstream.bench;

import java.util.List;

/**
 * One measured run of one scenario on one engine ({@code cassandra} for the ceiling).
 *
 * @param scenario what was measured
 * @param engine {@code spark}, {@code flink}, or {@code cassandra} for the ceiling writer
 * @param repeat 1-based repeat number
 * @param rows rows found in Cassandra for the run
 * @param spanSeconds first to last row's {@code WRITETIME}
 * @param rowsPerSecond (rows − 1) / span: the sustained rate
 * @param wallSeconds job start to job exit (ceiling: first to last write call answered)
 * @param rate latency runs: the events/s the producer sent; else 0
 * @param latency latency runs: per-row write time minus Kafka time; else null
 * @param latencyQuantiles latency runs: the 0th..100th percentiles in 1 % steps (for the CDF)
 * @param cpu throughput and ceiling runs: CPU per row and process; else (or without a steady state)
 *     null
 */
public record RunResult(
    Scenario scenario,
    String engine,
    int repeat,
    long rows,
    double spanSeconds,
    double rowsPerSecond,
    double wallSeconds,
    double rate,
    Percentiles latency,
    List<Double> latencyQuantiles,
    RunCpu cpu) {

  /** The engine name of the ceiling writer. */
  public static final String CEILING_ENGINE = "cassandra";

  public RunResult {
    latencyQuantiles = latencyQuantiles == null ? List.of() : List.copyOf(latencyQuantiles);
  }

  /** A throughput or ceiling run. */
  public static RunResult throughput(
      Scenario scenario,
      String engine,
      int repeat,
      long rows,
      double span,
      double wall,
      RunCpu cpu) {
    double perSecond = span <= 0 ? 0 : (rows - 1) / span;
    return new RunResult(scenario, engine, repeat, rows, span, perSecond, wall, 0, null, null, cpu);
  }

  /** Rows over wall time: what a user waiting for the job sees, start-up included. */
  public double wallRowsPerSecond() {
    return wallSeconds <= 0 ? 0 : rows / wallSeconds;
  }

  /** The 0th..100th percentiles of {@code values} in 1 % steps, nearest rank. */
  static List<Double> quantiles(double[] values) {
    double[] sorted = values.clone();
    java.util.Arrays.sort(sorted);
    Double[] out = new Double[101];
    out[0] = sorted[0];
    for (int p = 1; p <= 100; p++) {
      out[p] = Percentiles.rank(sorted, p);
    }
    return List.of(out);
  }
}
