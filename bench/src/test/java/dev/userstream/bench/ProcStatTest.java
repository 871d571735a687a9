package dev.userstream.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ProcStatTest {
  /** A real line's shape: pid, comm, state, then fields 4..52; utime 1500, stime 250. */
  private static String line(String comm) {
    return "4242 ("
        + comm
        + ") S 1 4242 4242 0 -1 4194560 12345 0 3 0 1500 250 7 9 20 0 58 0 1234567"
        + " 5123456789 123456 18446744073709551615 1 1 0 0 0 0 0 4096 16385 0 0 0 17 1 0 0"
        + " 0 0 0 0 0 0 0 0 0 0";
  }

  @Test
  void cpuIsUtimePlusStime() {
    assertEquals(1750, ProcStat.cpuTicks(line("java")));
  }

  @Test
  void aCommWithSpacesAndParenthesesIsSkippedWhole() {
    // Counting fields from the first ')' or by spaces would read the wrong columns here.
    assertEquals(1750, ProcStat.cpuTicks(line("C2 Compiler) 12 34 (x")));
    assertEquals(1750, ProcStat.cpuTicks(line("a b c")));
  }

  @Test
  void notAStatLineIsRejected() {
    assertThrows(IllegalArgumentException.class, () -> ProcStat.cpuTicks("4242 java S 1"));
    assertThrows(IllegalArgumentException.class, () -> ProcStat.cpuTicks("4242 (java) S 1 2"));
  }

  @Test
  void thisJvmHasUsedSomeCpu() {
    // On Linux; elsewhere there is no /proc and nothing to measure.
    if (System.getProperty("os.name").startsWith("Linux")) {
      assertTrue(ProcStat.read(ProcessHandle.current().pid()).orElseThrow() > 0);
      assertTrue(ProcStat.ticksPerSecond() > 0);
    }
  }
}
