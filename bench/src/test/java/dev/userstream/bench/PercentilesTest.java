package dev.userstream.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class PercentilesTest {
  @Test
  void nearestRankOfOneToHundred() {
    double[] values = new double[100];
    for (int i = 0; i < 100; i++) {
      values[99 - i] = i + 1; // descending: the input order must not matter
    }
    Percentiles p = Percentiles.of(values);
    assertEquals(50, p.p50());
    assertEquals(95, p.p95());
    assertEquals(99, p.p99());
    assertEquals(100, p.max());
    assertEquals(100, p.count());
    assertEquals(1, values[99], "the input is not sorted in place");
  }

  @Test
  void everyPercentileIsAValueThatOccurred() {
    Percentiles p = Percentiles.of(new double[] {10, 20, 30});
    assertEquals(20, p.p50());
    assertEquals(30, p.p95());
    assertEquals(30, p.p99());
  }

  @Test
  void aSingleValueIsEveryPercentile() {
    Percentiles p = Percentiles.of(new double[] {5});
    assertEquals(new Percentiles(5, 5, 5, 5, 1), p);
  }

  @Test
  void emptyOrOutOfRangeIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> Percentiles.of(new double[0]));
    assertThrows(IllegalArgumentException.class, () -> Percentiles.rank(new double[] {1}, 0));
    assertThrows(IllegalArgumentException.class, () -> Percentiles.rank(new double[] {1}, 101));
  }

  @Test
  void quantilesRunFromMinimumToMaximum() {
    List<Double> q = RunResult.quantiles(new double[] {3, 1, 2, 4});
    assertEquals(101, q.size());
    assertEquals(1.0, q.get(0));
    assertEquals(2.0, q.get(50));
    assertEquals(4.0, q.get(100));
  }

  @Test
  void rowTimesGiveRateAndLatencyFromCassandraClocks() {
    // Three rows written 0.5 s apart; Kafka times 100 ms before each write; the first is warm-up.
    RowTimes times =
        new RowTimes(
            new long[] {1_000_000_000L, 1_000_500_000L, 1_001_000_000L},
            new long[] {999_900L, 1_000_400L, 1_000_900L});
    assertEquals(3, times.count());
    assertEquals(1.0, times.spanSeconds(), 1e-9);
    assertEquals(2.0, times.rowsPerSecond(), 1e-9);
    assertArrayEquals(new double[] {100, 100}, times.latenciesMillis(1_000_400L), 1e-9);
  }
}
