package dev.userstream.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every engine's main: help, one parse of shared and engine options, exit codes, one line. */
class JobMainTest {
  private static final OptionKey<Duration> INTERVAL =
      OptionKey.duration("interval", Duration.ofSeconds(1), Duration.ZERO, "an engine option");
  private static final OptionSet ENGINE = OptionSet.of("Engine options", INTERVAL);

  private record Outcome(int code, String out, String err) {}

  private final List<PipelineOptions> ran = new ArrayList<>();

  @Test
  void helpPrintsTheUsageAndEveryOptionWithoutRunning() {
    Outcome o = run(p -> ran.add(p), "--topic", "t", "--help");
    assertEquals(JobMain.DONE, o.code());
    assertTrue(o.out().startsWith("usage: job [options]\n\n"), o.out());
    assertTrue(o.out().contains("--bootstrap-servers") && o.out().contains("--interval"), o.out());
    assertEquals(List.of(), ran);
  }

  @Test
  void sharedAndEngineOptionsReachTheJobFromOneCommandLine() {
    Outcome o = run(p -> ran.add(p), "--topic", "events", "--interval=250ms");
    assertEquals(JobMain.DONE, o.code(), o.err());
    assertEquals("events", ran.get(0).topic());
    assertEquals(Duration.ofMillis(250), ran.get(0).get(INTERVAL));
    assertEquals("", o.err());
  }

  @Test
  void aBadOptionIsOneLineAHintAndExitTwo() {
    Outcome o = run(p -> ran.add(p), "--interval", "soon");
    assertEquals(JobMain.BAD_OPTION, o.code());
    List<String> lines = o.err().lines().toList();
    assertEquals(2, lines.size(), o.err());
    assertTrue(lines.get(0).startsWith("error: --interval"), lines.get(0));
    assertTrue(lines.get(1).contains("--help"), lines.get(1));
    assertEquals(List.of(), ran);
  }

  @Test
  void optionsTheJobRefusesTogetherAreABadOptionToo() {
    Outcome o =
        run(
            p -> {
              throw new OptionsException("--interval does not apply to --mode continuous");
            });
    assertEquals(JobMain.BAD_OPTION, o.code());
    assertEquals(
        "error: --interval does not apply to --mode continuous\nRun with --help for the options.\n",
        o.err());
  }

  @Test
  void aPreflightFailureIsItsOwnLineAndExitOne() {
    Outcome o =
        run(
            p -> {
              throw new PreflightException("Kafka at x:1 is not reachable within 1 s", null);
            });
    assertEquals(JobMain.FAILED, o.code());
    assertEquals("error: Kafka at x:1 is not reachable within 1 s\n", o.err());
  }

  @Test
  void anyOtherFailureIsOneLineNamingItsRootCauseAndExitOne() {
    Outcome o =
        run(
            p -> {
              throw new IllegalStateException(
                  "wrapped", new java.io.IOException("disk full\n\tat somewhere"));
            });
    assertEquals(JobMain.FAILED, o.code());
    assertEquals("error: the job failed: IOException: disk full\n", o.err());
    assertFalse(o.err().contains("\tat"), o.err());
  }

  @Test
  void theStartLineSaysWhatRunsWhere() {
    PipelineOptions p =
        PipelineOptions.parse("--mode", "continuous", "--topic", "t", "--keyspace", "k");
    assertEquals(
        "flink-job: continuous run of topic t into k (parallelism 2)",
        JobMain.startLine("flink-job", p));
  }

  private static Outcome run(JobMain.Job job, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        JobMain.run(
            args,
            "usage: job [options]",
            ENGINE,
            job,
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Outcome(
        code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }
}
