package dev.userstream.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.userstream.io.ConfigurationDoc;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/**
 * The Spark 4 job's command line: its own options, what Real-Time Mode refuses (before any Spark
 * session starts), and their table in docs/configuration.md.
 */
class SparkRtJobMainTest {

  @Test
  void helpShowsTheRealTimeOptions() {
    MainOutcome r = main("--help");
    assertEquals(0, r.code());
    assertTrue(r.out().contains("--checkpoint-interval"), r.out());
    assertTrue(r.out().contains("--max-offsets-per-trigger"), r.out());
    assertFalse(r.out().contains("--trigger-interval"), r.out());
  }

  @Test
  void aBatchLimitInRealTimeModeIsABadOption() {
    MainOutcome r = main("--mode", "continuous", "--max-offsets-per-trigger", "1000");
    assertEquals(2, r.code(), r.err());
    assertTrue(
        r.err()
            .startsWith(
                "error: --max-offsets-per-trigger does not apply to --mode continuous: Real-Time Mode"),
        r.err());
    assertEquals(2, r.err().strip().lines().count(), r.err());
  }

  @Test
  void microBatchOptionsAndShortIntervalsAreRefused() {
    MainOutcome trigger = main("--trigger-interval", "1s");
    assertEquals(2, trigger.code());
    assertTrue(trigger.err().startsWith("error: unknown option --trigger-interval"), trigger.err());

    MainOutcome interval = main("--checkpoint-interval", "1s");
    assertEquals(2, interval.code());
    assertTrue(interval.err().startsWith("error: --checkpoint-interval"), interval.err());
  }

  @Test
  void optionsTableIsGeneratedFromTheDeclarations() throws IOException {
    ConfigurationDoc.check("spark-rt", RealTimeOptions.OPTIONS);
  }

  private static MainOutcome main(String... args) {
    return MainOutcome.of(SparkRtJobMain.RUNNER, args);
  }
}
