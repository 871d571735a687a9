package dev.userstream.bench;

import java.util.Arrays;
import java.util.List;

/**
 * The median of repeated measurements and how far they spread: what the report prints for a noisy,
 * shared machine instead of a single number.
 *
 * @param median the middle value (mean of the two middle ones for an even count)
 * @param min the smallest measurement
 * @param max the largest measurement
 * @param count how many measurements
 */
public record Spread(double median, double min, double max, int count) {

  /** The spread of {@code values}; none may be NaN. */
  public static Spread of(List<Double> values) {
    if (values.isEmpty()) {
      throw new IllegalArgumentException("no measurements");
    }
    double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    if (Arrays.stream(sorted).anyMatch(Double::isNaN)) {
      throw new IllegalArgumentException("a measurement is NaN");
    }
    int n = sorted.length;
    double median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    return new Spread(median, sorted[0], sorted[n - 1], n);
  }

  /** (max − min) / median, 0 for a single measurement or a zero median. */
  public double relativeSpread() {
    return median == 0 ? 0 : (max - min) / Math.abs(median);
  }
}
