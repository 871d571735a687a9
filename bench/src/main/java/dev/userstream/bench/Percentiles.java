package dev.userstream.bench;

import java.util.Arrays;

/**
 * Latency percentiles by the nearest-rank method: p is the smallest value with at least p % of the
 * values at or below it, so every figure is a latency that a row really had.
 *
 * @param p50 median, ms
 * @param p95 ms
 * @param p99 ms
 * @param max ms
 * @param count how many rows
 */
public record Percentiles(double p50, double p95, double p99, double max, long count) {

  /** Percentiles of {@code values} (not modified). */
  public static Percentiles of(double[] values) {
    if (values.length == 0) {
      throw new IllegalArgumentException("no values");
    }
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return new Percentiles(
        rank(sorted, 50),
        rank(sorted, 95),
        rank(sorted, 99),
        sorted[sorted.length - 1],
        sorted.length);
  }

  /** The nearest-rank {@code p}-th percentile of an ascending array, 0 &lt; p ≤ 100. */
  static double rank(double[] sorted, double p) {
    if (!(p > 0 && p <= 100)) {
      throw new IllegalArgumentException("percentile must be in (0, 100], got " + p);
    }
    int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
  }
}
