package dev.userstream.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchReportTest {
  @TempDir Path dir;

  @Test
  void markdownHasContextEveryFigureAndItsRatioToTheCeiling() {
    String md = BenchReport.markdown(SampleResults.of(dir));
    assertTrue(md.startsWith("# userstream benchmarks\n"), md);
    assertFalse(md.contains("quick run"));
    assertContainsAll(
        md,
        "./userstream bench",
        "| CPU | Test CPU |",
        "| flink | 1.20.5 |",
        "| flink job options | `--buffer-timeout=10ms` |",
        // Ceiling median 42,000; Spark median 31,000 = 74 %; Flink median 36,000 = 86 %.
        "| ceiling | cassandra | rows/s | 42,000 | 40,000 | 44,000 | 10 % | 100 % |",
        "| throughput | spark | rows/s, first→last write | 31,000 | 30,000 | 33,000 | 10 % | 74 % |",
        "| throughput | flink | rows/s, first→last write | 36,000 |",
        "| latency | flink | p99 ms |",
        "| spark throughput ≥ 75 % of the ceiling | 74 % | no |",
        "| flink throughput ≥ 75 % of the ceiling | 86 % | yes |",
        "| flink p99 latency ≤ 250 ms at 50 % load |",
        "](throughput.png)",
        "](latency.png)",
        "](latency-cdf.png)",
        "499999 rows in Cassandra",
        "[`results.json`](results.json)");
  }

  @Test
  void sparkRtIsHeldToItsLatencyTargetAndToTheSparkJobsThroughput() {
    String held = BenchReport.markdown(SampleResults.withSparkRt(dir, 90));
    assertContainsAll(
        held,
        "| spark-rt p99 latency ≤ 100 ms at 50 % load |",
        "| spark-rt throughput ≥ spark's (spark-rt/spark rows/s) | 110 % | yes |");
    String missed = BenchReport.markdown(SampleResults.withSparkRt(dir, 161));
    assertTrue(
        missed.contains("| spark-rt p99 latency ≤ 100 ms at 50 % load | 161 ms | no |"), missed);
  }

  @Test
  void eachEngineIsComparedWithThePeersMedianThroughput() {
    // Peer medians 16,000 (of 15,000, 16,000, 20,000): spark 31,000 = 1.94×, flink 36,000 = 2.25×.
    String md = BenchReport.markdown(SampleResults.withPeer(dir, 15_000, 20_000, 16_000));
    assertContainsAll(
        md,
        "| format of the produced events | flat (the peer reads only the flat record;",
        "| throughput | peer | rows/s, first→last write | 16,000 | 15,000 | 20,000 |",
        "| throughput | peer | s, job start→last write |",
        "| throughput | spark | s, job start→exit |",
        "| spark throughput ≥ 2× the peer's (spark/peer rows/s) | 1.94× | no |",
        "| flink throughput ≥ 2× the peer's (flink/peer rows/s) | 2.25× | yes |",
        "- **peer**: the seed tutorial's PySpark job");
    assertFalse(md.contains("| peer throughput ≥ 2×"), md);
  }

  @Test
  void noPeerNoPeerTargets() {
    String md = BenchReport.markdown(SampleResults.of(dir));
    assertFalse(md.contains("the peer's"), md);
    assertFalse(md.contains("**peer**"), md);
    assertEquals("", PeerReport.targets(SampleResults.of(dir)));
  }

  private static void assertContainsAll(String text, String... parts) {
    for (String part : parts) {
      assertTrue(text.contains(part), () -> "missing: " + part + "\n" + text);
    }
  }

  @Test
  void quickRunsSayWhatTheyAre() {
    BenchResults full = SampleResults.of(dir);
    BenchPlan quick =
        BenchPlan.quickBuilder()
            .report(dir.resolve("q.md"))
            .commandLine("./userstream bench --quick")
            .build();
    BenchResults results =
        new BenchResults(
            quick,
            full.machine(),
            full.versions(),
            full.started(),
            full.elapsed(),
            full.runs().subList(0, 1),
            List.of());
    String md = BenchReport.markdown(results);
    assertTrue(md.startsWith("# userstream benchmarks — quick run"), md);
    assertTrue(md.contains("--quick"));
    assertFalse(md.contains("| spread |") && md.contains("10 %"), "one repeat has no spread");
  }

  @Test
  void csvHasAHeaderAndOneLinePerRun() {
    BenchResults results = SampleResults.of(dir);
    List<String> lines = BenchReport.csv(results).lines().toList();
    assertEquals(1 + results.runs().size(), lines.size());
    assertTrue(lines.get(0).startsWith("scenario,engine,repeat,rows,"));
    assertTrue(lines.get(1).startsWith("ceiling,cassandra,1,500000,"), lines.get(1));
    String latency =
        lines.stream().filter(l -> l.startsWith("latency,flink,1,")).findFirst().orElseThrow();
    assertEquals(19, latency.split(",", -1).length);
    assertTrue(latency.endsWith(",,,,,,"), "latency rows have no CPU figures: " + latency);
    String spark =
        lines.stream().filter(l -> l.startsWith("throughput,spark,2,")).findFirst().orElseThrow();
    assertTrue(
        spark.endsWith(",152.000,,100.000,10.000,262.000,12.000"),
        "job, writer, cassandra, kafka, total, start-up: " + spark);
  }

  @Test
  void cpuTableHasTheMedianPerProcessTotalAndStartUp() {
    String md = BenchReport.markdown(SampleResults.of(dir));
    assertContainsAll(
        md,
        "## CPU per row, steady state",
        // Writer 21, 22, 23 -> 22; Cassandra 100; Kafka 1: total 123.
        "| ceiling | cassandra | — | 22.0 | 100.0 | 1.0 | 123.0 | — |",
        // Spark job 151, 152, 153 -> 152; + 100 + 10 = 262; start-up 11, 12, 13 -> 12.
        "| throughput | spark | 152.0 | — | 100.0 | 10.0 | 262.0 | 12.0 |",
        "| throughput | flink | 82.0 | — | 100.0 | 10.0 | 192.0 | 12.0 |",
        "](cpu.png)");
    assertFalse(md.contains("not measured |"), md);
  }

  @Test
  void givenServersShowTheServicesAsNotMeasured() {
    BenchResults sample = SampleResults.of(dir);
    List<RunResult> jobOnly =
        sample.runs().stream()
            .filter(x -> x.scenario() == Scenario.THROUGHPUT && x.engine().equals("flink"))
            .map(
                x ->
                    RunResult.throughput(
                        x.scenario(),
                        x.engine(),
                        x.repeat(),
                        x.rows(),
                        x.spanSeconds(),
                        x.wallSeconds(),
                        new RunCpu(
                            java.util.Map.of(CpuRole.JOB, 80.0 + x.repeat()),
                            x.cpu().jobStartupSeconds())))
            .toList();
    BenchResults given =
        new BenchResults(
            sample.plan(),
            sample.machine(),
            sample.versions(),
            sample.started(),
            sample.elapsed(),
            jobOnly,
            List.of());
    String md = BenchReport.markdown(given);
    assertTrue(
        md.contains(
            "| throughput | flink | 82.0 | — | not measured | not measured | 82.0 (measured only)"
                + " | 12.0 |"),
        md);
    JsonNode cpu = json(given).path("runs").get(0).path("cpu");
    assertEquals("[\"cassandra\",\"kafka\"]", cpu.path("notMeasured").toString());
    assertTrue(cpu.path("microsPerRow").path("cassandra").isMissingNode(), cpu.toString());
  }

  private static JsonNode json(BenchResults results) {
    try {
      return new ObjectMapper().readTree(BenchReport.json(results));
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void jsonCarriesSettingsMachineAndEveryRun() throws Exception {
    BenchResults results = SampleResults.of(dir);
    JsonNode json = new ObjectMapper().readTree(BenchReport.json(results));
    assertEquals(500_000, json.path("settings").path("events").asLong());
    assertEquals("Test CPU", json.path("machine").path("cpu").asText());
    assertEquals(results.runs().size(), json.path("runs").size());
    JsonNode latency = json.path("runs").get(6);
    assertEquals("latency", latency.path("scenario").asText());
    assertEquals(101, latency.path("latencyQuantilesMs").size());
    assertTrue(latency.path("latencyMs").path("p99").asDouble() > 0);
    assertTrue(latency.path("cpu").isMissingNode(), "latency runs have no CPU figures");
    JsonNode ceiling = json.path("runs").get(0).path("cpu");
    assertEquals(21.0, ceiling.path("microsPerRow").path("writer").asDouble());
    assertEquals(122.0, ceiling.path("microsPerRow").path("total").asDouble());
    assertTrue(ceiling.path("jobStartupCpuSeconds").isMissingNode(), "the ceiling has no job");
    assertEquals(0, ceiling.path("notMeasured").size());
  }

  @Test
  void notesAreIncludedAsWrittenUnderAnalysis() throws Exception {
    Path notes = dir.resolve("notes.md");
    Files.writeString(notes, "Spark misses its target: one micro-batch at a time.\n");
    BenchResults sample = SampleResults.of(dir);
    BenchPlan withNotes =
        BenchPlan.builder()
            .report(sample.plan().report())
            .workDir(sample.plan().workDir())
            .notes(notes)
            .build();
    String md =
        BenchReport.markdown(
            new BenchResults(
                withNotes,
                sample.machine(),
                sample.versions(),
                sample.started(),
                sample.elapsed(),
                sample.runs(),
                sample.notes()));

    int analysis = md.indexOf("## Analysis\n");
    assertTrue(analysis > md.indexOf("## Targets\n"), md);
    assertTrue(md.indexOf("Spark misses its target: one micro-batch at a time.") > analysis, md);
    assertFalse(BenchReport.markdown(sample).contains("## Analysis"));
  }

  @Test
  void writePutsReportJsonCsvAndPlotsSideBySide() throws Exception {
    BenchResults results = SampleResults.of(dir);
    BenchReport.write(results);
    List<Path> plots = BenchPlots.write(results, dir);
    for (String name : List.of("README.md", "results.json", "results.csv")) {
      assertTrue(Files.size(dir.resolve(name)) > 0, name);
    }
    assertEquals(
        List.of(
            dir.resolve("throughput.png"),
            dir.resolve("latency.png"),
            dir.resolve("latency-cdf.png"),
            dir.resolve("cpu.png")),
        plots);
    for (Path png : plots) {
      byte[] head = java.util.Arrays.copyOf(Files.readAllBytes(png), 4);
      assertEquals("\u0089PNG", new String(head, java.nio.charset.StandardCharsets.ISO_8859_1));
    }
  }
}
