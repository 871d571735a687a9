package dev.userstream.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The README's run command, for real: {@code ./userstream demo} starts the default local stack,
 * produces, runs the job of each engine and proves users + rejects = events.
 */
class DemoCommandIT {
  private static final Path ROOT = Path.of(System.getProperty("user.dir")).getParent();

  @ParameterizedTest
  @ValueSource(strings = {"spark", "flink", "spark-rt"})
  void demoEndsWithUsersPlusRejectsEqualEvents(String engine) throws Exception {
    Process process =
        new ProcessBuilder(
                List.of(
                    ROOT.resolve("userstream").toString(),
                    "demo",
                    "--engine",
                    engine,
                    "--events",
                    "3000",
                    "--seed",
                    "11"))
            .redirectErrorStream(true)
            .start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(process.waitFor(10, TimeUnit.MINUTES), "demo did not finish");
    assertEquals(0, process.exitValue(), output);

    Matcher sum =
        Pattern.compile("users \\+ rejects = events: (\\d+) \\+ (\\d+) = (\\d+) == 3000")
            .matcher(output);
    assertTrue(sum.find(), output);
    Matcher produced = Pattern.compile("produced=3000 bad=(\\d+) ").matcher(output);
    assertTrue(produced.find(), output);
    assertEquals(produced.group(1), sum.group(2), "rejects must equal the bad records produced");
    assertTrue(output.contains("sample users"), output);
    assertTrue(output.contains("rejection reasons"), output);
    assertTrue(output.contains("run the " + engine + " job"), output);
  }
}
