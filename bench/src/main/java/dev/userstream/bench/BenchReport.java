package dev.userstream.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Writes a benchmark's results: the Markdown report (machine, versions, settings, a table of every
 * figure with its ratio to the ceiling, the targets, the plots) and the raw runs as JSON and CSV
 * next to it.
 */
public final class BenchReport {
  /** Raw results, next to the report. */
  public static final String JSON_FILE = "results.json";

  public static final String CSV_FILE = "results.csv";

  static final double THROUGHPUT_TARGET = 0.75;

  /** Spark 4 Real-Time Mode, measured against the Spark 3.5 job of the same run. */
  static final String SPARK_RT = "spark-rt";

  static final Map<String, Double> P99_TARGET_MS =
      Map.of("flink", 250.0, "spark", 1500.0, "spark-rt", 100.0);

  private static final String CSV_HEADER =
      "scenario,engine,repeat,rows,span_s,rows_per_s,wall_s,wall_rows_per_s,rate,"
          + "p50_ms,p95_ms,p99_ms,max_ms,cpu_job_us_per_row,cpu_writer_us_per_row,"
          + "cpu_cassandra_us_per_row,cpu_kafka_us_per_row,cpu_total_us_per_row,"
          + "job_startup_cpu_s";

  private BenchReport() {}

  /** Writes the report file of the plan and, beside it, the JSON and CSV files. */
  public static void write(BenchResults results) throws IOException {
    Path report = results.plan().report().toAbsolutePath();
    Path dir = report.getParent();
    Files.createDirectories(dir);
    Files.writeString(report, markdown(results));
    Files.writeString(dir.resolve(JSON_FILE), json(results));
    Files.writeString(dir.resolve(CSV_FILE), csv(results));
  }

  /** The Markdown report. */
  public static String markdown(BenchResults r) {
    BenchPlan plan = r.plan();
    StringBuilder md = new StringBuilder();
    md.append("# userstream benchmarks").append(plan.quick() ? " — quick run" : "").append("\n\n");
    if (plan.quick()) {
      md.append(
          "> **Quick run (`--quick` smoke preset)**: small backlog, one repeat, short latency"
              + " phase. These figures show that the benchmark works, not what the engines can"
              + " do; see a full run for that.\n\n");
    }
    md.append("Command:\n\n```bash\n").append(plan.commandLine()).append("\n```\n\n");
    md.append(
        String.format(
            Locale.ROOT,
            "Started %s, took %.1f min.%n%n",
            r.started(),
            r.elapsed().toMillis() / 60000.0));

    MachineInfo m = r.machine();
    md.append("## Machine\n\n| | |\n|---|---|\n");
    row(md, "CPU", m.cpu());
    row(md, "cores", String.valueOf(m.cores()));
    row(md, "memory", String.format(Locale.ROOT, "%.1f GiB", m.memoryGib()));
    row(md, "OS", m.os());
    row(md, "Java", m.java());
    row(md, "load average at start", String.format(Locale.ROOT, "%.2f", m.loadAverage()));
    md.append(
        "\nKafka, Cassandra and the job run on this one machine; the machine is shared, so each"
            + " figure is the median of the repeats, with the range.\n\n");

    md.append("## Versions\n\n| component | version |\n|---|---|\n");
    r.versions().forEach((k, v) -> row(md, k, v));

    md.append("\n## Settings\n\n| setting | value |\n|---|---|\n");
    row(md, "engines", String.join(", ", plan.engines()));
    row(
        md,
        "scenarios",
        String.join(", ", plan.scenarios().stream().sorted().map(Scenario::cliName).toList()));
    row(
        md,
        "events per throughput / ceiling run",
        String.format(Locale.ROOT, "%,d", plan.events()));
    row(md, "repeats", String.valueOf(plan.repeat()));
    row(md, "Cassandra warm-up rows (not counted)", String.format("%,d", plan.warmupRows()));
    row(
        md,
        "engine warm-up events (not counted): one available-now run, and a backlog before each"
            + " latency run",
        String.format("%,d", plan.engineWarmupEvents()));
    row(
        md,
        "format of the produced events",
        plan.recordFormat().cliName()
            + (plan.engines().contains(BenchPlan.PEER)
                ? " (the peer reads only the flat record; every engine reads the same topic)"
                : ""));
    row(md, "ceiling writer requests in flight", String.valueOf(plan.inFlight()));
    row(
        md,
        "latency rate",
        plan.rate() > 0
            ? String.format(Locale.ROOT, "%,.0f events/s", plan.rate())
            : String.format(
                Locale.ROOT,
                "%.0f %% of the engine's median throughput",
                plan.loadFraction() * 100));
    row(
        md,
        "latency phase",
        plan.latencyWarmup().toSeconds()
            + " s warm-up (not counted) + "
            + plan.latencyDuration().toSeconds()
            + " s measured");
    for (String engine : plan.engines()) {
      List<String> options = plan.optionsFor(engine);
      row(md, engine + " job options", options.isEmpty() ? "defaults" : code(options));
    }

    md.append("\n## Results\n\n");
    md.append("| scenario | engine | figure | median | min | max | spread | vs ceiling |\n");
    md.append("|---|---|---|---:|---:|---:|---:|---:|\n");
    Optional<Double> ceiling = r.ceiling();
    r.spread(Scenario.CEILING, RunResult.CEILING_ENGINE, RunResult::rowsPerSecond)
        .ifPresent(s -> figure(md, "ceiling", "cassandra", "rows/s", s, "%,.0f", ceiling));
    for (String engine : plan.engines()) {
      r.spread(Scenario.THROUGHPUT, engine, RunResult::rowsPerSecond)
          .ifPresent(
              s ->
                  figure(
                      md, "throughput", engine, "rows/s, first→last write", s, "%,.0f", ceiling));
      // The peer's stream never exits: its wall time ends at its last write.
      String wall = engine.equals(BenchPlan.PEER) ? "s, job start→last write" : "s, job start→exit";
      r.spread(Scenario.THROUGHPUT, engine, RunResult::wallSeconds)
          .ifPresent(s -> figure(md, "throughput", engine, wall, s, "%.1f", Optional.empty()));
      r.spread(Scenario.THROUGHPUT, engine, RunResult::wallRowsPerSecond)
          .ifPresent(
              s -> figure(md, "throughput", engine, "rows/s over wall time", s, "%,.0f", ceiling));
    }
    for (String engine : plan.engines()) {
      if (r.runs(Scenario.LATENCY, engine).isEmpty()) {
        continue;
      }
      Optional<Double> none = Optional.empty();
      r.spread(Scenario.LATENCY, engine, RunResult::rate)
          .ifPresent(s -> figure(md, "latency", engine, "events/s sent", s, "%,.0f", ceiling));
      r.spread(Scenario.LATENCY, engine, x -> x.latency().p50())
          .ifPresent(s -> figure(md, "latency", engine, "p50 ms", s, "%,.0f", none));
      r.spread(Scenario.LATENCY, engine, x -> x.latency().p95())
          .ifPresent(s -> figure(md, "latency", engine, "p95 ms", s, "%,.0f", none));
      r.spread(Scenario.LATENCY, engine, x -> x.latency().p99())
          .ifPresent(s -> figure(md, "latency", engine, "p99 ms", s, "%,.0f", none));
      r.spread(Scenario.LATENCY, engine, x -> x.latency().max())
          .ifPresent(s -> figure(md, "latency", engine, "max ms", s, "%,.0f", none));
    }
    md.append(
        "\n\"spread\" is (max − min) / median over the repeats; \"vs ceiling\" divides the median"
            + " by the ceiling's median.\n");

    cpuTable(md, r);

    md.append("\n## Targets\n\n| target | measured | holds |\n|---|---:|---|\n");
    for (String engine : plan.engines()) {
      Optional<Spread> thr = r.spread(Scenario.THROUGHPUT, engine, RunResult::rowsPerSecond);
      // The peer is the yardstick below, not a pipeline with a target of its own.
      if (thr.isPresent() && ceiling.isPresent() && !engine.equals(BenchPlan.PEER)) {
        double ratio = thr.get().median() / ceiling.get();
        md.append(
            String.format(
                Locale.ROOT,
                "| %s throughput ≥ %.0f %% of the ceiling | %.0f %% | %s |%n",
                engine,
                THROUGHPUT_TARGET * 100,
                ratio * 100,
                ratio >= THROUGHPUT_TARGET ? "yes" : "no"));
      }
      Optional<Spread> p99 = r.spread(Scenario.LATENCY, engine, x -> x.latency().p99());
      Double limit = P99_TARGET_MS.get(engine);
      if (p99.isPresent() && limit != null) {
        md.append(
            String.format(
                Locale.ROOT,
                "| %s p99 latency ≤ %,.0f ms at %.0f %% load | %,.0f ms | %s |%n",
                engine,
                limit,
                plan.loadFraction() * 100,
                p99.get().median(),
                p99.get().median() <= limit ? "yes" : "no"));
      }
    }
    sparkRtTarget(md, r);
    md.append(PeerReport.targets(r));

    if (plan.notes() != null) {
      md.append("\n## Analysis\n\n")
          .append("Written by hand from these figures (")
          .append(plan.notes().getFileName())
          .append(", included by `--notes`), not measured by this run.\n\n")
          .append(readNotes(plan.notes()).strip())
          .append("\n");
    }

    md.append("\n## Plots\n\n");
    if (!r.runs().stream().filter(x -> x.scenario() != Scenario.LATENCY).toList().isEmpty()) {
      md.append("![throughput per engine against the ceiling](")
          .append(BenchPlots.THROUGHPUT_FILE)
          .append(")\n\n");
    }
    if (r.runs().stream().anyMatch(x -> x.cpu() != null)) {
      md.append("![CPU per row and process, steady state](")
          .append(BenchPlots.CPU_FILE)
          .append(")\n\n");
    }
    if (r.runs().stream().anyMatch(x -> x.scenario() == Scenario.LATENCY)) {
      md.append("![latency percentiles per engine](")
          .append(BenchPlots.LATENCY_FILE)
          .append(")\n\n");
      md.append("![latency distribution of every latency run](")
          .append(BenchPlots.LATENCY_CDF_FILE)
          .append(")\n\n");
    }

    if (plan.profile()) {
      List<String> profiled =
          plan.engines().stream()
              // The peer runs under spark-submit, which the benchmark does not flight-record.
              .filter(e -> !e.equals(BenchPlan.PEER))
              .filter(e -> !r.runs(Scenario.THROUGHPUT, e).isEmpty())
              .toList();
      if (!profiled.isEmpty()) {
        md.append("## Profiles\n\n");
        md.append(
            "Each throughput job ran with a JDK Flight Recording (`--profile`); the top frames by"
                + " self and total samples:");
        for (String engine : profiled) {
          String file = JfrProfile.fileName(engine);
          md.append(" [").append(engine).append("](").append(file).append(")");
        }
        md.append(".\n\n");
      }
    }

    md.append("## Method\n\n");
    md.append(
        "- **ceiling**: the rows the jobs write, sent straight to Cassandra by an async writer"
            + " (4.x driver, prepared statement, bounded requests in flight), after a warm-up that"
            + " is not counted.\n"
            + "- **throughput**: a backlog of the same generated events in Kafka, processed in"
            + " available-now mode; rows/s = (rows − 1) / (last − first `WRITETIME(email)`),"
            + " read back from Cassandra by paging. Wall time is from job start to exit, JVM"
            + " start-up included.\n"
            + "- **latency**: the job runs continuously; once it has written the rows of a warm-up"
            + " backlog (the engine warm-up events, so its JIT is warm) and a probe row, the"
            + " producer sends at a fixed rate; latency = `WRITETIME(email)` − `event_time` (the"
            + " Kafka record timestamp, set by the producer) per row, warm-up rows excluded;"
            + " nearest-rank percentiles.\n"
            + PeerReport.method(plan)
            + "- Every run writes to a table of its own in keyspace `"
            + BenchCassandra.KEYSPACE
            + "`.\n");
    if (!r.notes().isEmpty()) {
      md.append("\n## Notes\n\n");
      r.notes().forEach(n -> md.append("- ").append(n).append('\n'));
    }
    md.append("\n## Raw results\n\n")
        .append("[`")
        .append(JSON_FILE)
        .append("`](")
        .append(JSON_FILE)
        .append("), [`")
        .append(CSV_FILE)
        .append("`](")
        .append(CSV_FILE)
        .append("): every run.\n");
    return md.toString();
  }

  /** One line per run. */
  public static String csv(BenchResults r) {
    StringBuilder csv = new StringBuilder(CSV_HEADER).append('\n');
    for (RunResult run : r.runs()) {
      Percentiles p = run.latency();
      csv.append(
          String.join(
              ",",
              run.scenario().cliName(),
              run.engine(),
              String.valueOf(run.repeat()),
              String.valueOf(run.rows()),
              num(run.spanSeconds()),
              num(run.rowsPerSecond()),
              num(run.wallSeconds()),
              num(run.wallRowsPerSecond()),
              num(run.rate()),
              p == null ? "" : num(p.p50()),
              p == null ? "" : num(p.p95()),
              p == null ? "" : num(p.p99()),
              p == null ? "" : num(p.max()),
              cpuCell(run.cpu(), CpuRole.JOB),
              cpuCell(run.cpu(), CpuRole.WRITER),
              cpuCell(run.cpu(), CpuRole.CASSANDRA),
              cpuCell(run.cpu(), CpuRole.KAFKA),
              run.cpu() == null ? "" : num(run.cpu().totalMicrosPerRow()),
              run.cpu() == null || Double.isNaN(run.cpu().jobStartupSeconds())
                  ? ""
                  : num(run.cpu().jobStartupSeconds())));
      csv.append('\n');
    }
    return csv.toString();
  }

  /** Plan, machine, versions and every run. */
  public static String json(BenchResults r) {
    ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    ObjectNode root = mapper.createObjectNode();
    BenchPlan plan = r.plan();
    root.put("started", r.started().toString());
    root.put("elapsedSeconds", r.elapsed().toMillis() / 1000.0);
    root.put("quick", plan.quick());
    root.put("command", plan.commandLine());
    ObjectNode settings = root.putObject("settings");
    plan.engines().forEach(settings.putArray("engines")::add);
    plan.scenarios().stream()
        .sorted()
        .map(Scenario::cliName)
        .forEach(settings.putArray("scenarios")::add);
    settings.put("events", plan.events());
    settings.put("repeat", plan.repeat());
    settings.put("warmupRows", plan.warmupRows());
    settings.put("engineWarmupEvents", plan.engineWarmupEvents());
    settings.put("inFlight", plan.inFlight());
    settings.put("rate", plan.rate());
    settings.put("loadFraction", plan.loadFraction());
    settings.put("latencySeconds", plan.latencyDuration().toSeconds());
    settings.put("latencyWarmupSeconds", plan.latencyWarmup().toSeconds());
    ObjectNode options = settings.putObject("engineOptions");
    plan.engineOptions().forEach((k, v) -> v.forEach(options.putArray(k)::add));
    root.set("machine", mapper.valueToTree(r.machine()));
    root.set("versions", mapper.valueToTree(r.versions()));
    ArrayNode runs = root.putArray("runs");
    for (RunResult run : r.runs()) {
      ObjectNode node = runs.addObject();
      node.put("scenario", run.scenario().cliName());
      node.put("engine", run.engine());
      node.put("repeat", run.repeat());
      node.put("rows", run.rows());
      node.put("spanSeconds", run.spanSeconds());
      node.put("rowsPerSecond", run.rowsPerSecond());
      node.put("wallSeconds", run.wallSeconds());
      node.put("wallRowsPerSecond", run.wallRowsPerSecond());
      if (run.latency() != null) {
        node.put("rate", run.rate());
        node.set("latencyMs", mapper.valueToTree(run.latency()));
        run.latencyQuantiles().forEach(node.putArray("latencyQuantilesMs")::add);
      }
      if (run.cpu() != null) {
        ObjectNode cpu = node.putObject("cpu");
        ObjectNode perRow = cpu.putObject("microsPerRow");
        run.cpu().microsPerRow().forEach((role, micros) -> perRow.put(role.label(), micros));
        perRow.put("total", run.cpu().totalMicrosPerRow());
        if (!Double.isNaN(run.cpu().jobStartupSeconds())) {
          cpu.put("jobStartupCpuSeconds", run.cpu().jobStartupSeconds());
        }
        ArrayNode notMeasured = cpu.putArray("notMeasured");
        for (CpuRole role : rolesOf(run.scenario())) {
          if (run.cpu().microsPerRow(role).isEmpty()) {
            notMeasured.add(role.label());
          }
        }
      }
    }
    r.notes().forEach(root.putArray("notes")::add);
    try {
      return mapper.writeValueAsString(root) + "\n";
    } catch (IOException e) {
      throw new IllegalStateException("a tree of plain values always serialises", e);
    }
  }

  /**
   * The steady-state CPU per row of each process, median over the repeats; a process without pid
   * (given servers) is "not measured".
   */
  static void cpuTable(StringBuilder md, BenchResults r) {
    List<String[]> rows = new ArrayList<>();
    cpuRow(r, Scenario.CEILING, RunResult.CEILING_ENGINE).ifPresent(rows::add);
    for (String engine : r.plan().engines()) {
      cpuRow(r, Scenario.THROUGHPUT, engine).ifPresent(rows::add);
    }
    if (rows.isEmpty()) {
      return;
    }
    md.append("\n## CPU per row, steady state\n\n");
    md.append(
        "| scenario | engine | job µs/row | writer µs/row | Cassandra µs/row | Kafka µs/row |"
            + " total µs/row | job start-up CPU-s |\n");
    md.append("|---|---|---:|---:|---:|---:|---:|---:|\n");
    rows.forEach(cells -> md.append("| ").append(String.join(" | ", cells)).append(" |\n"));
    md.append(
        "\nCPU time (user + sys of `/proc/<pid>/stat`, sampled every "
            + CpuSampler.PERIOD.toMillis()
            + " ms) of each process between the first and the last row's `WRITETIME`,"
            + " interpolated between samples, over (rows − 1); median of the repeats. The job is"
            + " the job JVM with its children; the writer is the ceiling's, the benchmark's own"
            + " JVM. Job start-up: the job's CPU seconds up to its first write. \"not measured\":"
            + " the servers were given (`--bootstrap-servers`), so there is no pid to read.\n");
  }

  private static Optional<String[]> cpuRow(BenchResults r, Scenario scenario, String engine) {
    List<RunCpu> cpus = r.cpu(scenario, engine);
    if (cpus.isEmpty()) {
      return Optional.empty();
    }
    List<CpuRole> roles = rolesOf(scenario);
    List<String> cells = new ArrayList<>(List.of(scenario.cliName(), engine));
    for (CpuRole role : List.of(CpuRole.JOB, CpuRole.WRITER, CpuRole.CASSANDRA, CpuRole.KAFKA)) {
      if (!roles.contains(role)) {
        cells.add("—");
        continue;
      }
      cells.add(
          r.cpuMedian(scenario, engine, role).map(BenchReport::micros).orElse("not measured"));
    }
    String total =
        micros(Spread.of(cpus.stream().map(RunCpu::totalMicrosPerRow).toList()).median());
    boolean complete = cpus.stream().allMatch(c -> c.measuredAll(roles));
    cells.add(complete ? total : total + " (measured only)");
    List<Double> startup =
        cpus.stream().map(RunCpu::jobStartupSeconds).filter(s -> !Double.isNaN(s)).toList();
    cells.add(
        startup.isEmpty() ? "—" : String.format(Locale.ROOT, "%.1f", Spread.of(startup).median()));
    return Optional.of(cells.toArray(String[]::new));
  }

  /** The processes a run of {@code scenario} measures: its own and the two services. */
  static List<CpuRole> rolesOf(Scenario scenario) {
    CpuRole own = scenario == Scenario.CEILING ? CpuRole.WRITER : CpuRole.JOB;
    return List.of(own, CpuRole.CASSANDRA, CpuRole.KAFKA);
  }

  private static String micros(double value) {
    return String.format(Locale.ROOT, "%,.1f", value);
  }

  private static String cpuCell(RunCpu cpu, CpuRole role) {
    if (cpu == null) {
      return "";
    }
    return cpu.microsPerRow(role).isPresent() ? num(cpu.microsPerRow(role).getAsDouble()) : "";
  }

  private static void figure(
      StringBuilder md,
      String scenario,
      String engine,
      String name,
      Spread s,
      String format,
      Optional<Double> ceiling) {
    String ratio = ceiling.filter(c -> c > 0).map(c -> pct(s.median() / c)).orElse("");
    md.append(
        String.format(
            Locale.ROOT,
            "| %s | %s | %s | " + format + " | " + format + " | " + format + " | %s | %s |%n",
            scenario,
            engine,
            name,
            s.median(),
            s.min(),
            s.max(),
            s.count() < 2 ? "—" : pct(s.relativeSpread()),
            ratio));
  }

  private static String pct(double fraction) {
    return String.format(Locale.ROOT, "%.0f %%", fraction * 100);
  }

  private static String num(double value) {
    return String.format(Locale.ROOT, "%.3f", value);
  }

  private static String code(List<String> options) {
    return "`" + String.join(" ", options) + "`";
  }

  private static void row(StringBuilder md, String key, String value) {
    md.append("| ").append(key).append(" | ").append(value.replace("|", "\\|")).append(" |\n");
  }

  private static String readNotes(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new BenchException("cannot read the notes " + file + ": " + e.getMessage(), e);
    }
  }

  /** spark-rt's throughput target: at least the Spark 3.5 job's, in the same run. */
  private static void sparkRtTarget(StringBuilder md, BenchResults r) {
    Optional<Spread> spark = r.spread(Scenario.THROUGHPUT, "spark", RunResult::rowsPerSecond);
    Optional<Spread> rt = r.spread(Scenario.THROUGHPUT, SPARK_RT, RunResult::rowsPerSecond);
    if (spark.isPresent() && rt.isPresent()) {
      double ratio = rt.get().median() / spark.get().median();
      md.append(
          String.format(
              Locale.ROOT,
              "| spark-rt throughput ≥ spark's (spark-rt/spark rows/s) | %.0f %% | %s |%n",
              ratio * 100,
              ratio >= 1 ? "yes" : "no"));
    }
  }
}
