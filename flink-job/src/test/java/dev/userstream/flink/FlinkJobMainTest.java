package dev.userstream.flink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class FlinkJobMainTest {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @Test
  void helpPrintsUsageAndExitsZero() {
    assertEquals(0, run("--help"));
    String usage = out.toString(StandardCharsets.UTF_8);
    assertTrue(usage.contains(FlinkJobMain.class.getName()), usage);
    assertTrue(usage.contains("--checkpoint-interval"), usage);
    assertTrue(usage.contains("--cassandra-host"), usage);
  }

  @Test
  void badOptionIsOneLineAndAHintWithExitTwo() {
    assertEquals(2, run("--mode", "sometimes"));
    String[] lines = err.toString(StandardCharsets.UTF_8).split("\n");
    assertEquals(2, lines.length);
    assertTrue(lines[0].startsWith("error: --mode must be one of"), lines[0]);
    assertTrue(lines[1].contains("--help"));
  }

  private int run(String... args) {
    return FlinkJobMain.run(
        args,
        true,
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }
}
