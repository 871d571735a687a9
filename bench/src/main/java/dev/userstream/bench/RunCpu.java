package dev.userstream.bench;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * The CPU one throughput or ceiling run cost, per process role, in its steady state: CPU between
 * the first and the last row's {@code WRITETIME} over (rows − 1). A role that was not measured (no
 * pid: the servers were given, not the local stack's) is absent, never zero.
 *
 * @param microsPerRow steady-state CPU microseconds per row of each measured role
 * @param jobStartupSeconds the job's CPU seconds up to its first write (JVM, engine and job
 *     start-up); NaN when the run had no job (the ceiling)
 */
public record RunCpu(Map<CpuRole, Double> microsPerRow, double jobStartupSeconds) {

  public RunCpu {
    EnumMap<CpuRole, Double> copy = new EnumMap<>(CpuRole.class);
    copy.putAll(microsPerRow);
    microsPerRow = Collections.unmodifiableMap(copy);
  }

  /**
   * The figures of sampled CPU series over a run whose first and last rows were written at {@code
   * firstMicros} and {@code lastMicros} (epoch µs); {@code rows} ≥ 2.
   */
  static RunCpu of(Map<CpuRole, CpuSeries> series, long firstMicros, long lastMicros, long rows) {
    if (rows < 2) {
      throw new IllegalArgumentException("a steady state needs two rows, got " + rows);
    }
    Map<CpuRole, Double> perRow = new EnumMap<>(CpuRole.class);
    series.forEach((role, s) -> perRow.put(role, s.between(firstMicros, lastMicros) / (rows - 1)));
    CpuSeries job = series.get(CpuRole.JOB);
    return new RunCpu(perRow, job == null ? Double.NaN : job.at(firstMicros) / 1e6);
  }

  /** Steady-state µs per row of {@code role}; empty if it was not measured. */
  public OptionalDouble microsPerRow(CpuRole role) {
    Double value = microsPerRow.get(role);
    return value == null ? OptionalDouble.empty() : OptionalDouble.of(value);
  }

  /** The sum over the measured roles. */
  public double totalMicrosPerRow() {
    return microsPerRow.values().stream().mapToDouble(Double::doubleValue).sum();
  }

  /** Whether every one of {@code roles} was measured, so that the total covers them all. */
  public boolean measuredAll(Iterable<CpuRole> roles) {
    for (CpuRole role : roles) {
      if (!microsPerRow.containsKey(role)) {
        return false;
      }
    }
    return true;
  }
}
