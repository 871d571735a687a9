package dev.userstream.bench;

import java.util.Arrays;

/**
 * One process role's cumulative CPU time, sampled over a run: epoch-microsecond timestamps and CPU
 * microseconds, both ascending. Read between samples by linear interpolation, so that the CPU at
 * the first and last {@code WRITETIME} can be told apart from the start-up before and the shutdown
 * after.
 */
final class CpuSeries {
  private final long[] atMicros;
  private final double[] cpuMicros;

  CpuSeries(long[] atMicros, double[] cpuMicros) {
    if (atMicros.length != cpuMicros.length || atMicros.length == 0) {
      throw new IllegalArgumentException("one CPU value per timestamp, at least one");
    }
    for (int i = 1; i < atMicros.length; i++) {
      if (atMicros[i] < atMicros[i - 1]) {
        throw new IllegalArgumentException("timestamps must ascend");
      }
    }
    this.atMicros = atMicros.clone();
    this.cpuMicros = cpuMicros.clone();
  }

  int size() {
    return atMicros.length;
  }

  /**
   * CPU microseconds at {@code epochMicros}, interpolated between the samples around it; before the
   * first sample the first value, after the last the last (the process has not started or has
   * exited).
   */
  double at(long epochMicros) {
    int i = Arrays.binarySearch(atMicros, epochMicros);
    if (i >= 0) {
      return cpuMicros[i];
    }
    int after = -i - 1;
    if (after == 0) {
      return cpuMicros[0];
    }
    if (after == atMicros.length) {
      return cpuMicros[atMicros.length - 1];
    }
    long t0 = atMicros[after - 1];
    long t1 = atMicros[after];
    double share = (double) (epochMicros - t0) / (t1 - t0);
    return cpuMicros[after - 1] + share * (cpuMicros[after] - cpuMicros[after - 1]);
  }

  /** CPU microseconds between two instants. */
  double between(long fromMicros, long toMicros) {
    return at(toMicros) - at(fromMicros);
  }
}
