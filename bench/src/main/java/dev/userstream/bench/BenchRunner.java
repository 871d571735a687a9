package dev.userstream.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * Runs a {@link BenchPlan} against given servers and writes the report: warm-up, then ceiling,
 * throughput per engine, latency per engine, each repeated, all in one invocation so that every
 * figure shares the machine, the data and the Cassandra node.
 *
 * <pre>{@code
 * BenchResults results = new BenchRunner(plan, servers, starter, out).run();
 * }</pre>
 */
public final class BenchRunner {
  private static final DateTimeFormatter RUN_ID = DateTimeFormatter.ofPattern("yyyyMMdd_HHmmss");

  /** The backlog is the same data on every engine and every repeat. */
  private static final long BACKLOG_SEED = 42;

  private static final long WARMUP_SEED = 43;

  /** Latency at a guessed rate when no throughput was measured in this run and none is given. */
  private static final double FALLBACK_RATE = 2000;

  private final BenchPlan plan;
  private final BenchServers servers;
  private final JobStarter starter;
  private final PrintWriter out;
  private final Map<String, String> versions;

  public BenchRunner(
      BenchPlan plan,
      BenchServers servers,
      JobStarter starter,
      PrintWriter out,
      Map<String, String> versions) {
    this.plan = plan;
    this.servers = servers;
    this.starter = starter;
    this.out = out;
    this.versions = versions;
  }

  /** Measures everything the plan asks for, then writes report, plots, JSON and CSV. */
  public BenchResults run() {
    Instant started = Instant.now();
    long startNanos = System.nanoTime();
    MachineInfo machine = MachineInfo.detect();
    String runId = LocalDateTime.now().format(RUN_ID);
    List<RunResult> runs = new ArrayList<>();
    List<String> notes;
    List<JfrProfile.Recording> recordings;
    try (BenchCassandra cassandra = BenchCassandra.open(servers, plan.inFlight())) {
      BenchContext ctx = new BenchContext(plan, servers, starter, cassandra, out, runId);
      try {
        measure(ctx, runs);
      } finally {
        if (!plan.keepData()) {
          deleteTopics(ctx);
        }
      }
      notes = ctx.notes;
      recordings = ctx.recordings;
    }
    BenchResults results =
        new BenchResults(
            plan,
            machine,
            versions,
            started,
            Duration.ofNanos(System.nanoTime() - startNanos),
            runs,
            notes);
    step("report");
    try {
      BenchReport.write(results);
      Path dir = plan.report().toAbsolutePath().getParent();
      BenchPlots.write(results, dir);
      for (String engine : plan.engines()) {
        List<JfrProfile.Recording> own =
            recordings.stream().filter(x -> x.engine().equals(engine)).toList();
        if (!own.isEmpty()) {
          out.println("profile: " + JfrProfile.write(engine, own, plan.commandLine(), dir));
        }
      }
    } catch (IOException e) {
      throw new BenchException("cannot write the report: " + e.getMessage(), e);
    }
    out.println("report: " + plan.report());
    out.flush();
    return results;
  }

  private void measure(BenchContext ctx, List<RunResult> runs) {
    step(
        "prepare: keyspace "
            + BenchCassandra.KEYSPACE
            + ", job builds, Kafka "
            + servers.bootstrapServers()
            + ", Cassandra "
            + servers.cassandraAddress());
    ctx.cassandra.session().execute(BenchCassandra.schema("warm_cassandra").createKeyspaceCql());
    boolean engines = plan.runs(Scenario.THROUGHPUT) || plan.runs(Scenario.LATENCY);
    if (engines) {
      // Builds a stale job module now, not inside a measured wall time.
      plan.engines().forEach(engine -> starter.process(engine, List.of(), List.of()));
    }

    CeilingScenario ceiling =
        new CeilingScenario(
            ctx.cassandra,
            plan.inFlight(),
            BACKLOG_SEED,
            out,
            ctx.cpuTargets(CpuRole.WRITER, CpuSampler.Target.alone(ProcessHandle.current().pid())));
    if (plan.warmupRows() > 0) {
      step(
          String.format(
              "warm-up: %,d rows straight to Cassandra (not counted)", plan.warmupRows()));
      ceiling.warmUp("warm_cassandra", plan.warmupRows());
    }
    if (plan.runs(Scenario.CEILING)) {
      for (int i = 1; i <= plan.repeat(); i++) {
        String label = "ceiling " + i + "/" + plan.repeat();
        step(String.format("%s: %,d rows, %d in flight", label, plan.events(), plan.inFlight()));
        RunResult result =
            ceiling.measure("ceiling_" + i, plan.events(), i, label, plan.keepData());
        out.printf(
            "  %s: %,d rows, %,.0f rows/s first-to-last write%n",
            label, result.rows(), result.rowsPerSecond());
        if (result.cpu() != null) {
          out.println("  " + label + ": " + ThroughputScenario.cpuLine(result.cpu()));
        }
        runs.add(result);
      }
    }
    if (!engines) {
      return;
    }
    ThroughputScenario throughput = new ThroughputScenario(ctx);
    String warmupTopic = null;
    if (plan.engineWarmupEvents() > 0) {
      warmupTopic = ctx.topic("warmup");
      step(
          String.format(
              "produce %,d warm-up events to %s", plan.engineWarmupEvents(), warmupTopic));
      ctx.produce(warmupTopic, plan.engineWarmupEvents(), WARMUP_SEED, 0, null);
    }
    String backlog = null;
    long backlogEvents = 0;
    if (plan.runs(Scenario.THROUGHPUT)) {
      backlog = ctx.topic("backlog");
      step(
          String.format(
              "produce the backlog: %,d %s events to %s",
              plan.events(), plan.recordFormat().cliName(), backlog));
      backlogEvents = ctx.produce(backlog, plan.events(), BACKLOG_SEED, 0, null).produced();
    }
    for (String engine : plan.engines()) {
      if (warmupTopic != null) {
        step(engine + " warm-up (not counted)");
        throughput.warmUp(engine, warmupTopic);
      }
      if (backlog != null) {
        for (int i = 1; i <= plan.repeat(); i++) {
          step(engine + " throughput " + i + "/" + plan.repeat());
          runs.add(throughput.measure(engine, backlog, backlogEvents, i));
        }
      }
      if (plan.runs(engine, Scenario.LATENCY)) {
        double rate = latencyRate(ctx, runs, engine);
        LatencyScenario latency = new LatencyScenario(ctx);
        for (int i = 1; i <= plan.repeat(); i++) {
          step(String.format("%s latency %d/%d at %,.0f events/s", engine, i, plan.repeat(), rate));
          runs.add(latency.measure(engine, rate, i));
        }
      }
    }
  }

  /** The given rate, else the plan's share of this engine's median throughput of this run. */
  private double latencyRate(BenchContext ctx, List<RunResult> runs, String engine) {
    if (plan.rate() > 0) {
      return plan.rate();
    }
    List<Double> measured =
        runs.stream()
            .filter(r -> r.scenario() == Scenario.THROUGHPUT && r.engine().equals(engine))
            .map(RunResult::rowsPerSecond)
            .toList();
    if (measured.isEmpty()) {
      ctx.note(
          engine
              + " latency: no throughput measured in this run and no --rate given; sending "
              + FALLBACK_RATE
              + " events/s");
      return FALLBACK_RATE;
    }
    return Math.max(1, Math.round(plan.loadFraction() * Spread.of(measured).median()));
  }

  private void deleteTopics(BenchContext ctx) {
    if (ctx.topics.isEmpty()) {
      return;
    }
    Properties props = new Properties();
    props.putAll(servers.connection().kafkaProperties());
    props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, servers.bootstrapServers());
    try (Admin admin = Admin.create(props)) {
      admin.deleteTopics(ctx.topics).all().get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      out.println("note: could not delete the benchmark topics " + ctx.topics + ": " + e);
    }
  }

  private void step(String title) {
    out.println();
    out.println("== " + title + " ==");
    out.flush();
  }
}
