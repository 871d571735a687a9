package dev.userstream.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Made-up results of a full plan (3 repeats, both engines, every scenario) for report tests. */
final class SampleResults {
  private SampleResults() {}

  static BenchResults of(Path reportDir) {
    BenchPlan plan =
        BenchPlan.builder()
            .report(reportDir.resolve("README.md"))
            .workDir(reportDir.resolve("work"))
            .engineOption("flink", "--buffer-timeout=10ms")
            .commandLine("./userstream bench")
            .build();
    List<RunResult> runs = new ArrayList<>();
    double[] ceiling = {42_000, 40_000, 44_000};
    double[] spark = {30_000, 33_000, 31_000};
    double[] flink = {36_000, 35_000, 38_000};
    for (int i = 0; i < 3; i++) {
      runs.add(rate(Scenario.CEILING, "cassandra", i + 1, ceiling[i], 0));
    }
    for (int i = 0; i < 3; i++) {
      runs.add(rate(Scenario.THROUGHPUT, "spark", i + 1, spark[i], 25));
    }
    for (int i = 0; i < 3; i++) {
      runs.add(latency("spark", i + 1, 15_500, 900 + 10 * i));
    }
    for (int i = 0; i < 3; i++) {
      runs.add(rate(Scenario.THROUGHPUT, "flink", i + 1, flink[i], 18));
    }
    for (int i = 0; i < 3; i++) {
      runs.add(latency("flink", i + 1, 18_000, 120 + 5 * i));
    }
    return new BenchResults(
        plan,
        new MachineInfo("Test CPU", 2, 7.5, "Linux 6 amd64", "17.0.1 (Test)", 1.5),
        Map.of("spark", "3.5.7", "flink", "1.20.5"),
        Instant.parse("2026-01-01T10:00:00Z"),
        Duration.ofMinutes(21),
        runs,
        List.of("spark throughput 2/3: 499999 rows in Cassandra, 500000 produced"));
  }

  /** Throughput only, of spark, flink and the peer ({@code peer} rows/s medians given). */
  static BenchResults withPeer(Path reportDir, double... peer) {
    BenchPlan plan =
        BenchPlan.builder()
            .engines(List.of("spark", "flink", "peer"))
            .scenarios(Set.of(Scenario.THROUGHPUT))
            .repeat(peer.length)
            .report(reportDir.resolve("README.md"))
            .workDir(reportDir.resolve("work"))
            .commandLine("./userstream bench --engines spark,flink,peer --scenarios throughput")
            .build();
    List<RunResult> runs = new ArrayList<>();
    for (int i = 0; i < peer.length; i++) {
      runs.add(rate(Scenario.THROUGHPUT, "spark", i + 1, 31_000, 25));
      runs.add(rate(Scenario.THROUGHPUT, "flink", i + 1, 36_000, 18));
      runs.add(rate(Scenario.THROUGHPUT, "peer", i + 1, peer[i], 40));
    }
    return results(plan, runs);
  }

  /** spark and spark-rt, throughput (rows/s medians 31,000 and 34,100) and latency. */
  static BenchResults withSparkRt(Path reportDir, double rtP99) {
    BenchPlan plan =
        BenchPlan.builder()
            .engines(List.of("spark", "spark-rt"))
            .scenarios(Set.of(Scenario.THROUGHPUT, Scenario.LATENCY))
            .repeat(1)
            .report(reportDir.resolve("README.md"))
            .workDir(reportDir.resolve("work"))
            .commandLine("./userstream bench --engines spark,spark-rt")
            .build();
    List<RunResult> runs =
        List.of(
            rate(Scenario.THROUGHPUT, "spark", 1, 31_000, 25),
            rate(Scenario.THROUGHPUT, "spark-rt", 1, 34_100, 25),
            latency("spark", 1, 15_500, 900),
            latency("spark-rt", 1, 17_050, rtP99));
    return results(plan, runs);
  }

  /** Results of {@code plan} on the sample machine, at the sample time. */
  private static BenchResults results(BenchPlan plan, List<RunResult> runs) {
    return new BenchResults(
        plan,
        new MachineInfo("Test CPU", 2, 7.5, "Linux 6 amd64", "17.0.1 (Test)", 1.5),
        Map.of("spark", "3.5.7"),
        Instant.parse("2026-01-01T10:00:00Z"),
        Duration.ofMinutes(5),
        runs,
        List.of());
  }

  private static RunResult rate(
      Scenario scenario, String engine, int repeat, double perSecond, double startup) {
    long rows = 500_000;
    double span = (rows - 1) / perSecond;
    return RunResult.throughput(
        scenario, engine, repeat, rows, span, span + startup, cpu(scenario, engine, repeat));
  }

  /**
   * Made-up CPU: ceiling writer 20 + repeat µs/row; Spark job 150 + repeat, Flink 80 + repeat;
   * Cassandra 100, Kafka 10 (ceiling 1); job start-up 10 + repeat CPU-s.
   */
  static RunCpu cpu(Scenario scenario, String engine, int repeat) {
    Map<CpuRole, Double> perRow = new EnumMap<>(CpuRole.class);
    perRow.put(CpuRole.CASSANDRA, 100.0);
    if (scenario == Scenario.CEILING) {
      perRow.put(CpuRole.WRITER, 20.0 + repeat);
      perRow.put(CpuRole.KAFKA, 1.0);
      return new RunCpu(perRow, Double.NaN);
    }
    perRow.put(CpuRole.JOB, (engine.equals("spark") ? 150.0 : 80.0) + repeat);
    perRow.put(CpuRole.KAFKA, 10.0);
    return new RunCpu(perRow, 10.0 + repeat);
  }

  private static RunResult latency(String engine, int repeat, double rate, double p99) {
    double[] values = new double[1000];
    for (int i = 0; i < values.length; i++) {
      values[i] = p99 * (i + 1) / 990.0;
    }
    return new RunResult(
        Scenario.LATENCY,
        engine,
        repeat,
        values.length,
        60,
        rate,
        0,
        rate,
        Percentiles.of(values),
        RunResult.quantiles(values),
        null);
  }
}
