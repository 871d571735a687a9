package dev.userstream.bench;

import dev.userstream.producer.RecordFormat;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Everything one {@code userstream bench} invocation does: which scenarios on which engines, how
 * much data, how often, and where the report goes. Two presets: {@link #builder()} (the full run
 * behind docs/benchmarks) and {@link #quickBuilder()} (a smoke run under three minutes).
 *
 * @param engines {@code spark}, {@code flink}, {@code spark-rt} and/or {@link #PEER}, in run order
 * @param scenarios what to measure, run in {@link Scenario} order
 * @param events backlog size of each throughput run (and rows of each ceiling run)
 * @param warmupRows rows the ceiling writer sends first to warm Cassandra up; not counted
 * @param engineWarmupEvents events of a first, uncounted available-now run of each engine, and of
 *     the backlog each latency job works off before its paced phase; 0 for none
 * @param rate latency scenario's events/s; 0 = {@code loadFraction} of the engine's throughput
 * @param loadFraction share of the measured throughput that the latency scenario sends
 * @param latencyDuration how long the latency scenario's measured phase lasts
 * @param latencyWarmup how long it sends before measuring (not counted)
 * @param repeat how often each scenario runs; the report gives median and spread
 * @param inFlight the ceiling writer's bound on requests in flight
 * @param engineOptions extra job options per engine, e.g. {@code --buffer-timeout=10ms}
 * @param jobTimeout the longest a single job run may take
 * @param report the Markdown report; plots, JSON and CSV go next to it
 * @param workDir job logs and checkpoints of this invocation
 * @param keepData keep the benchmark tables and topics at the end (else dropped)
 * @param quick this is the smoke preset (labelled so in the report)
 * @param commandLine the command as typed, for the report
 * @param notes a Markdown file of the reader's analysis to include in the report, or null
 * @param profile record each throughput job with JDK Flight Recorder and summarise the recordings
 *     as {@code profile-<engine>.md} beside the report
 */
public record BenchPlan(
    List<String> engines,
    Set<Scenario> scenarios,
    long events,
    long warmupRows,
    long engineWarmupEvents,
    double rate,
    double loadFraction,
    Duration latencyDuration,
    Duration latencyWarmup,
    int repeat,
    int inFlight,
    Map<String, List<String>> engineOptions,
    Duration jobTimeout,
    Path report,
    Path workDir,
    boolean keepData,
    boolean quick,
    String commandLine,
    Path notes,
    boolean profile) {

  /** The engines measured when {@code --engines} is not given. */
  public static final List<String> ENGINES = List.of("spark", "flink");

  /** The project's engines the benchmark can start: the defaults and Spark 4's Real-Time Mode. */
  public static final List<String> JOB_ENGINES = List.of("spark", "flink", "spark-rt");

  /**
   * The seed's PySpark job under spark-submit ({@code bench/peer/}), the yardstick of the
   * throughput scenario: not part of the default engines, measured only when named.
   */
  public static final String PEER = "peer";

  public BenchPlan {
    engines = List.copyOf(engines);
    if (engines.isEmpty()) {
      throw new IllegalArgumentException(
          "--engines must name at least one of spark, flink, spark-rt, peer");
    }
    for (String engine : engines) {
      if (!JOB_ENGINES.contains(engine) && !engine.equals(PEER)) {
        throw new IllegalArgumentException(
            "unknown engine '" + engine + "': expected spark, flink, spark-rt or peer");
      }
    }
    if (scenarios.isEmpty()) {
      throw new IllegalArgumentException("--scenarios must name at least one scenario");
    }
    if (engines.contains(PEER) && !scenarios.contains(Scenario.THROUGHPUT)) {
      throw new IllegalArgumentException(
          "the peer runs only in the throughput scenario: add throughput to --scenarios");
    }
    scenarios = Set.copyOf(EnumSet.copyOf(scenarios));
    positive("--events", events);
    positive("--repeat", repeat);
    positive("--in-flight", inFlight);
    if (warmupRows < 0 || engineWarmupEvents < 0) {
      throw new IllegalArgumentException("warm-up sizes must not be negative");
    }
    if (rate < 0) {
      throw new IllegalArgumentException("--rate must not be negative, got " + rate);
    }
    if (!(loadFraction > 0 && loadFraction <= 1)) {
      throw new IllegalArgumentException("--load must be in (0, 1], got " + loadFraction);
    }
    if (latencyDuration.isNegative()
        || latencyDuration.isZero()
        || latencyWarmup.isNegative()
        || jobTimeout.isNegative()
        || jobTimeout.isZero()) {
      throw new IllegalArgumentException("durations must be positive");
    }
    Map<String, List<String>> copy = new LinkedHashMap<>();
    engineOptions.forEach((k, v) -> copy.put(k, List.copyOf(v)));
    engineOptions = Map.copyOf(copy);
    Objects.requireNonNull(report, "report");
    Objects.requireNonNull(workDir, "workDir");
    commandLine = commandLine == null ? "" : commandLine;
  }

  private static void positive(String option, long value) {
    if (value < 1) {
      throw new IllegalArgumentException(option + " must be at least 1, got " + value);
    }
  }

  /** Whether {@code scenario} is part of this run. */
  public boolean runs(Scenario scenario) {
    return scenarios.contains(scenario);
  }

  /** Whether {@code engine} runs {@code scenario}: the peer only the throughput scenario. */
  public boolean runs(String engine, Scenario scenario) {
    return runs(scenario) && (!engine.equals(PEER) || scenario == Scenario.THROUGHPUT);
  }

  /**
   * The shape of every event the benchmark produces: flat when the peer runs, because the seed's
   * job reads only the flat record, so that every engine of the run reads the same bytes; else raw.
   */
  public RecordFormat recordFormat() {
    return engines.contains(PEER) ? RecordFormat.FLAT : RecordFormat.RAW;
  }

  /** The extra job options for {@code engine}, none by default. */
  public List<String> optionsFor(String engine) {
    return engineOptions.getOrDefault(engine, List.of());
  }

  /** The full run: 500k events, three repeats, a minute of latency per engine. */
  public static Builder builder() {
    return new Builder();
  }

  /** The smoke preset: small backlog, one repeat, short latency phase; under three minutes. */
  public static Builder quickBuilder() {
    Builder b = new Builder();
    b.events = 10_000;
    b.warmupRows = 10_000;
    b.engineWarmupEvents = 0;
    b.latencyDuration = Duration.ofSeconds(8);
    b.latencyWarmup = Duration.ofSeconds(2);
    b.repeat = 1;
    b.jobTimeout = Duration.ofMinutes(3);
    b.report = Path.of("docs", "benchmarks", "quick", "README.md");
    b.quick = true;
    return b;
  }

  /** Starts from a preset; every setter overrides one field. */
  public static final class Builder {
    private List<String> engines = ENGINES;
    private Set<Scenario> scenarios = EnumSet.allOf(Scenario.class);
    private long events = 500_000;
    private long warmupRows = 200_000;
    private long engineWarmupEvents = 50_000;
    private double rate = 0;
    private double loadFraction = 0.5;
    private Duration latencyDuration = Duration.ofSeconds(60);
    // The job has already worked off a warm-up backlog (LatencyScenario); this lets the paced
    // stream settle (connections, the first checkpoint or batches at the new rate) before
    // measuring.
    private Duration latencyWarmup = Duration.ofSeconds(20);
    private int repeat = 3;
    private int inFlight = 1024;
    private final Map<String, List<String>> engineOptions = new LinkedHashMap<>();
    private Duration jobTimeout = Duration.ofMinutes(15);
    private Path report = Path.of("docs", "benchmarks", "README.md");
    private Path workDir = Path.of(".userstream", "bench");
    private boolean keepData;
    private Path notes;
    private boolean quick;
    private boolean profile;
    private String commandLine = "";

    private Builder() {}

    public Builder engines(List<String> value) {
      engines = value;
      return this;
    }

    public Builder scenarios(Set<Scenario> value) {
      scenarios = value;
      return this;
    }

    public Builder events(long value) {
      events = value;
      return this;
    }

    public Builder warmupRows(long value) {
      warmupRows = value;
      return this;
    }

    public Builder engineWarmupEvents(long value) {
      engineWarmupEvents = value;
      return this;
    }

    public Builder rate(double value) {
      rate = value;
      return this;
    }

    public Builder loadFraction(double value) {
      loadFraction = value;
      return this;
    }

    public Builder latencyDuration(Duration value) {
      latencyDuration = value;
      return this;
    }

    public Builder latencyWarmup(Duration value) {
      latencyWarmup = value;
      return this;
    }

    public Builder repeat(int value) {
      repeat = value;
      return this;
    }

    public Builder inFlight(int value) {
      inFlight = value;
      return this;
    }

    public Builder engineOption(String engine, String option) {
      engineOptions.computeIfAbsent(engine, e -> new ArrayList<>()).add(option);
      return this;
    }

    public Builder jobTimeout(Duration value) {
      jobTimeout = value;
      return this;
    }

    public Builder report(Path value) {
      report = value;
      return this;
    }

    public Builder workDir(Path value) {
      workDir = value;
      return this;
    }

    /** A Markdown file with the analysis of the figures, included in the report as written. */
    public Builder notes(Path value) {
      notes = value;
      return this;
    }

    public Builder keepData(boolean value) {
      keepData = value;
      return this;
    }

    /** Flight-record each throughput job and write {@code profile-<engine>.md}. */
    public Builder profile(boolean value) {
      profile = value;
      return this;
    }

    public Builder commandLine(String value) {
      commandLine = value;
      return this;
    }

    /** The report path of this preset, for callers that resolve it against a root. */
    public Path report() {
      return report;
    }

    /** The work folder of this preset, for callers that resolve it against a root. */
    public Path workDir() {
      return workDir;
    }

    public BenchPlan build() {
      return new BenchPlan(
          engines,
          scenarios,
          events,
          warmupRows,
          engineWarmupEvents,
          rate,
          loadFraction,
          latencyDuration,
          latencyWarmup,
          repeat,
          inFlight,
          engineOptions,
          jobTimeout,
          report,
          workDir,
          keepData,
          quick,
          commandLine,
          notes,
          profile);
    }
  }
}
