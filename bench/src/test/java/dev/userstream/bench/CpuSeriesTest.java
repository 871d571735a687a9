package dev.userstream.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class CpuSeriesTest {
  // Samples at 1.0 s, 1.2 s and 1.4 s (µs): 0, 100 ms and 300 ms of CPU.
  private final CpuSeries series =
      new CpuSeries(
          new long[] {1_000_000, 1_200_000, 1_400_000}, new double[] {0, 100_000, 300_000});

  @Test
  void betweenSamplesIsLinear() {
    assertEquals(50_000, series.at(1_100_000), 1e-9);
    assertEquals(200_000, series.at(1_300_000), 1e-9);
    assertEquals(100_000, series.at(1_200_000), 1e-9);
  }

  @Test
  void outsideTheSamplesIsTheNearestValue() {
    assertEquals(0, series.at(500_000), 1e-9);
    assertEquals(300_000, series.at(9_000_000), 1e-9);
  }

  @Test
  void timestampsMustAscend() {
    assertThrows(
        IllegalArgumentException.class,
        () -> new CpuSeries(new long[] {2, 1}, new double[] {0, 1}));
    assertThrows(IllegalArgumentException.class, () -> new CpuSeries(new long[0], new double[0]));
  }

  @Test
  void perRowIsTheCpuBetweenFirstAndLastWriteOverRowsMinusOne() {
    CpuSeries cassandra =
        new CpuSeries(new long[] {1_000_000, 1_400_000}, new double[] {1_000_000, 1_400_000});
    RunCpu cpu =
        RunCpu.of(
            Map.of(CpuRole.JOB, series, CpuRole.CASSANDRA, cassandra), 1_100_000, 1_300_000, 1_001);
    // Job: 200,000 − 50,000 µs over 1,000 rows; Cassandra: 200,000 µs over 1,000.
    assertEquals(150, cpu.microsPerRow(CpuRole.JOB).orElseThrow(), 1e-9);
    assertEquals(200, cpu.microsPerRow(CpuRole.CASSANDRA).orElseThrow(), 1e-9);
    assertTrue(cpu.microsPerRow(CpuRole.KAFKA).isEmpty(), "not measured is not zero");
    assertEquals(350, cpu.totalMicrosPerRow(), 1e-9);
    // The job's CPU up to its first write: 50 ms.
    assertEquals(0.05, cpu.jobStartupSeconds(), 1e-12);
  }

  @Test
  void withoutAJobThereIsNoStartUp() {
    RunCpu cpu = RunCpu.of(Map.of(CpuRole.WRITER, series), 1_000_000, 1_400_000, 11);
    assertEquals(30_000, cpu.microsPerRow(CpuRole.WRITER).orElseThrow(), 1e-9);
    assertTrue(Double.isNaN(cpu.jobStartupSeconds()));
    assertThrows(
        IllegalArgumentException.class,
        () -> RunCpu.of(Map.of(CpuRole.WRITER, series), 1_000_000, 1_000_000, 1));
  }
}
