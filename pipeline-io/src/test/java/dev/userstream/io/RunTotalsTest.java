package dev.userstream.io;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The last line of every engine's finished run. */
class RunTotalsTest {
  @Test
  void batchesAddUpToOneSummaryLine() {
    RunTotals totals = new RunTotals().add(900, 40).add(50, 10);
    assertEquals(950, totals.users());
    assertEquals(50, totals.rejections());
    assertEquals(
        "spark-job: finished in 2.5 s: 950 users, 50 rejections (400 records/s)",
        totals.summary("spark-job", Duration.ofMillis(2500)));
  }

  @Test
  void anInstantRunDividesByAMillisecondNotZero() {
    assertEquals(
        "flink-job: finished in 0.0 s: 0 users, 1 rejections (1000 records/s)",
        new RunTotals().add(0, 1).summary("flink-job", Duration.ZERO));
  }
}
