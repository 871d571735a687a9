package dev.userstream.bench;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;

/**
 * What one invocation measured, with the context a reader needs: plan, machine, versions.
 *
 * @param plan the settings
 * @param machine where it ran
 * @param versions component versions (from the build)
 * @param started when it started
 * @param elapsed how long the whole invocation took
 * @param runs every measured run, in order
 * @param notes lines worth reading next to the figures (missing rows, fallbacks)
 */
public record BenchResults(
    BenchPlan plan,
    MachineInfo machine,
    Map<String, String> versions,
    Instant started,
    Duration elapsed,
    List<RunResult> runs,
    List<String> notes) {

  public BenchResults {
    versions = Collections.unmodifiableMap(new TreeMap<>(versions));
    runs = List.copyOf(runs);
    notes = List.copyOf(notes);
  }

  /** The runs of one scenario and engine. */
  public List<RunResult> runs(Scenario scenario, String engine) {
    List<RunResult> out = new ArrayList<>();
    for (RunResult run : runs) {
      if (run.scenario() == scenario && run.engine().equals(engine)) {
        out.add(run);
      }
    }
    return out;
  }

  /** Median and spread of one figure over the repeats, empty if there were none. */
  public Optional<Spread> spread(
      Scenario scenario, String engine, ToDoubleFunction<RunResult> figure) {
    List<RunResult> selected = runs(scenario, engine);
    if (selected.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(Spread.of(selected.stream().map(figure::applyAsDouble).toList()));
  }

  /** The CPU figures of the runs of one scenario and engine that have them. */
  public List<RunCpu> cpu(Scenario scenario, String engine) {
    return runs(scenario, engine).stream().map(RunResult::cpu).filter(c -> c != null).toList();
  }

  /** The median steady-state µs per row of {@code role} over the repeats; empty if unmeasured. */
  public Optional<Double> cpuMedian(Scenario scenario, String engine, CpuRole role) {
    List<Double> values = new ArrayList<>();
    for (RunCpu cpu : cpu(scenario, engine)) {
      cpu.microsPerRow(role).ifPresent(values::add);
    }
    return values.isEmpty() ? Optional.empty() : Optional.of(Spread.of(values).median());
  }

  /** The median ceiling in rows/s, empty if the ceiling was not measured. */
  public Optional<Double> ceiling() {
    return spread(Scenario.CEILING, RunResult.CEILING_ENGINE, RunResult::rowsPerSecond)
        .map(Spread::median);
  }

  /** The versions the build wrote into {@code versions.properties}, sorted by name. */
  public static Map<String, String> buildVersions() {
    Properties props = new Properties();
    try (InputStream in = BenchResults.class.getResourceAsStream("versions.properties")) {
      if (in != null) {
        props.load(in);
      }
    } catch (IOException e) {
      // The report then lists no versions rather than failing a finished benchmark.
    }
    Map<String, String> out = new TreeMap<>();
    props.forEach((k, v) -> out.put(k.toString(), v.toString()));
    return out;
  }
}
