package dev.userstream.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.userstream.producer.RecordFormat;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BenchPlanTest {
  @Test
  void fullPresetMatchesTheDocumentedDefaults() {
    BenchPlan plan = BenchPlan.builder().build();
    assertEquals(List.of("spark", "flink"), plan.engines());
    assertEquals(EnumSet.allOf(Scenario.class), plan.scenarios());
    assertEquals(500_000, plan.events());
    assertEquals(3, plan.repeat());
    assertEquals(0.5, plan.loadFraction());
    assertEquals(0, plan.rate());
    assertTrue(plan.warmupRows() > 0, "a Cassandra warm-up by default");
    assertTrue(plan.engineWarmupEvents() > 0, "an engine warm-up by default");
    assertEquals(Path.of("docs", "benchmarks", "README.md"), plan.report());
    assertFalse(plan.quick());
  }

  @Test
  void quickPresetIsSmallAndLabelledAndKeepsTheFullReport() {
    BenchPlan plan = BenchPlan.quickBuilder().build();
    assertTrue(plan.quick());
    assertEquals(1, plan.repeat());
    assertTrue(plan.events() <= 20_000);
    assertTrue(
        plan.latencyDuration().plus(plan.latencyWarmup()).compareTo(Duration.ofSeconds(15)) <= 0);
    assertEquals(0, plan.engineWarmupEvents());
    assertEquals(Path.of("docs", "benchmarks", "quick", "README.md"), plan.report());
  }

  @Test
  void overridesApplyOnTopOfAPreset() {
    BenchPlan plan =
        BenchPlan.quickBuilder()
            .engines(List.of("flink"))
            .scenarios(Set.of(Scenario.LATENCY))
            .rate(5000)
            .engineOption("flink", "--buffer-timeout=10ms")
            .build();
    assertEquals(List.of("flink"), plan.engines());
    assertTrue(plan.runs(Scenario.LATENCY));
    assertFalse(plan.runs(Scenario.CEILING));
    assertEquals(5000, plan.rate());
    assertEquals(List.of("--buffer-timeout=10ms"), plan.optionsFor("flink"));
    assertEquals(List.of(), plan.optionsFor("spark"));
  }

  @Test
  void badValuesFailWithTheOptionName() {
    assertThrows(
        IllegalArgumentException.class, () -> BenchPlan.builder().engines(List.of()).build());
    IllegalArgumentException storm =
        assertThrows(
            IllegalArgumentException.class,
            () -> BenchPlan.builder().engines(List.of("storm")).build());
    assertTrue(storm.getMessage().contains("storm"));
    IllegalArgumentException repeat =
        assertThrows(IllegalArgumentException.class, () -> BenchPlan.builder().repeat(0).build());
    assertTrue(repeat.getMessage().contains("--repeat"));
    assertThrows(IllegalArgumentException.class, () -> BenchPlan.builder().events(0).build());
    assertThrows(IllegalArgumentException.class, () -> BenchPlan.builder().rate(-1).build());
    assertThrows(
        IllegalArgumentException.class, () -> BenchPlan.builder().loadFraction(1.5).build());
    assertThrows(
        IllegalArgumentException.class, () -> BenchPlan.builder().scenarios(Set.of()).build());
  }

  @Test
  void scenarioNamesParseAsTyped() {
    assertEquals(Scenario.CEILING, Scenario.parse("ceiling"));
    assertEquals(Scenario.LATENCY, Scenario.parse(" Latency "));
    assertThrows(IllegalArgumentException.class, () -> Scenario.parse("speed"));
  }

  @Test
  void peerIsAnEngineNameOnlyWhenAskedForAndMakesTheBacklogFlat() {
    assertEquals(RecordFormat.RAW, BenchPlan.builder().build().recordFormat());
    BenchPlan plan =
        BenchPlan.builder()
            .engines(List.of("spark", "flink", "peer"))
            .scenarios(EnumSet.of(Scenario.THROUGHPUT, Scenario.LATENCY))
            .build();
    assertEquals(List.of("spark", "flink", "peer"), plan.engines());
    assertEquals(RecordFormat.FLAT, plan.recordFormat());
    assertTrue(plan.runs("peer", Scenario.THROUGHPUT));
    assertFalse(plan.runs("peer", Scenario.LATENCY), "the peer never runs continuously");
    assertTrue(plan.runs("spark", Scenario.LATENCY));
  }

  @Test
  void peerWithoutTheThroughputScenarioOrAnUnknownEngineIsOneClearLine() {
    IllegalArgumentException noThroughput =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                BenchPlan.builder()
                    .engines(List.of("peer"))
                    .scenarios(Set.of(Scenario.LATENCY))
                    .build());
    assertTrue(noThroughput.getMessage().contains("throughput"), noThroughput.getMessage());
    IllegalArgumentException typo =
        assertThrows(
            IllegalArgumentException.class,
            () -> BenchPlan.builder().engines(List.of("pyspark")).build());
    assertEquals(
        "unknown engine 'pyspark': expected spark, flink, spark-rt or peer", typo.getMessage());
    assertEquals(
        List.of("spark-rt"), BenchPlan.builder().engines(List.of("spark-rt")).build().engines());
  }
}
