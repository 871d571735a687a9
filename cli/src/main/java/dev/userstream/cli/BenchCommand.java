package dev.userstream.cli;

import com.datastax.oss.driver.api.core.DriverException;
import dev.userstream.bench.BenchException;
import dev.userstream.bench.BenchPlan;
import dev.userstream.bench.BenchResults;
import dev.userstream.bench.BenchRunner;
import dev.userstream.bench.BenchServers;
import dev.userstream.bench.CpuRole;
import dev.userstream.bench.JobStarter;
import dev.userstream.bench.Scenario;
import dev.userstream.io.OptionSet;
import dev.userstream.io.OptionValues;
import dev.userstream.io.OptionsException;
import dev.userstream.io.PipelineOptions;
import dev.userstream.io.cassandra.CassandraPreflight;
import dev.userstream.io.cassandra.CassandraSessions;
import dev.userstream.stack.LocalStack;
import dev.userstream.stack.ServiceStatus;
import dev.userstream.stack.StackConfig;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code userstream bench}: the Cassandra ceiling, then each engine's throughput and latency, in
 * one invocation against the same stack, with a Markdown report, PNG plots, JSON and CSV. Maps
 * options onto a {@link BenchPlan}; the benchmark itself lives in the bench module.
 *
 * <pre>{@code
 * ./userstream bench                      # full run: 500k events, 3 repeats, report in docs/benchmarks
 * ./userstream bench --quick              # smoke run, under three minutes
 * ./userstream bench --engines flink --scenarios latency --rate 10000
 * ./userstream bench --engines spark,flink,peer --scenarios throughput   # vs the seed's job
 * ./userstream bench --bootstrap-servers kafka:9092 --cassandra-host cassandra
 * }</pre>
 */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    modelTransformer = BenchCommand.ConnectionOptions.class,
    description = {
      "Benchmark the pipeline on this machine: the raw Cassandra ceiling, each engine's"
          + " throughput (available-now over a backlog) and end-to-end latency (continuous, fixed"
          + " rate), each repeated; writes a Markdown report with plots, JSON and CSV.",
      "Starts the local stack unless --bootstrap-servers is given (and stops it at the end if it"
          + " started it); then --cassandra-host and --cassandra-port say where Cassandra is."
          + " Not part of the tests.",
    })
final class BenchCommand implements Callable<Integer> {
  /**
   * The shared options that say how to reach Kafka and Cassandra: given to the jobs, the producer
   * and the benchmark's own sessions. --cassandra-port is the stack's (StackOptions).
   */
  static final OptionSet CONNECTION =
      OptionSet.of(
          "Connection options",
          PipelineOptions.BOOTSTRAP_SERVERS,
          PipelineOptions.KAFKA_PROPERTY,
          PipelineOptions.CASSANDRA_HOST,
          PipelineOptions.CASSANDRA_DATACENTER,
          PipelineOptions.CASSANDRA_USERNAME,
          PipelineOptions.CASSANDRA_PASSWORD,
          PipelineOptions.CASSANDRA_CREDENTIALS_FILE,
          PipelineOptions.CASSANDRA_SSL,
          PipelineOptions.CASSANDRA_TRUSTSTORE,
          PipelineOptions.CASSANDRA_TRUSTSTORE_PASSWORD,
          PipelineOptions.CASSANDRA_KEYSTORE,
          PipelineOptions.CASSANDRA_KEYSTORE_PASSWORD);

  /** Declares {@link #CONNECTION} on the command. */
  static final class ConnectionOptions extends DeclaredOptions.Transformer {
    ConnectionOptions() {
      super(CONNECTION);
    }
  }

  @Option(
      names = "--quick",
      description =
          "Smoke preset: 10,000 events, one repeat, 8 s latency phase, under three minutes once"
              + " built (a first run builds the job modules before it);"
              + " report in docs/benchmarks/quick/ unless --report is given.")
  boolean quick;

  @Option(
      names = "--engines",
      split = ",",
      paramLabel = "spark,flink,spark-rt,peer",
      description =
          "Engines to measure (default: spark,flink). spark-rt: Spark 4.2, Real-Time Mode in"
              + " the latency scenario. peer: the seed tutorial's PySpark job"
              + " (bench/peer/peer_job.py) under spark-submit --master local[2] of the pyspark"
              + " virtualenv, throughput scenario only, on a flat backlog that every engine of"
              + " the run then reads; the report adds each engine's ratio to it (target ≥ 2×).")
  List<String> engines;

  @Option(
      names = "--scenarios",
      split = ",",
      paramLabel = "ceiling,throughput,latency",
      description = "What to measure (default: all three).")
  List<String> scenarios;

  @Option(
      names = "--events",
      paramLabel = "N",
      description = "Backlog per throughput run and rows per ceiling run (default: 500000).")
  Long events;

  @Option(
      names = "--repeat",
      paramLabel = "N",
      description = "Runs per scenario and engine; median and spread reported (default: 3).")
  Integer repeat;

  @Option(
      names = "--rate",
      paramLabel = "EVENTS_PER_S",
      description =
          "Latency scenario's send rate (default: --load times the engine's measured throughput).")
  Double rate;

  @Option(
      names = "--load",
      paramLabel = "FRACTION",
      description = "Share of the measured throughput the latency scenario sends (default: 0.5).")
  Double load;

  @Option(
      names = "--latency-seconds",
      paramLabel = "S",
      description = "Measured phase of each latency run (default: 60).")
  Integer latencySeconds;

  @Option(
      names = "--latency-warmup-seconds",
      paramLabel = "S",
      description = "Sending before measuring, not counted (default: 20).")
  Integer latencyWarmupSeconds;

  @Option(
      names = "--warmup-rows",
      paramLabel = "N",
      description = "Rows written straight to Cassandra first, not counted (default: 200000).")
  Long warmupRows;

  @Option(
      names = "--engine-warmup-events",
      paramLabel = "N",
      description =
          "Events of one uncounted available-now run per engine, and of the backlog each latency"
              + " job works off before its paced phase; 0 for none (default: 50000).")
  Long engineWarmupEvents;

  @Option(
      names = "--in-flight",
      paramLabel = "N",
      description = "Ceiling writer's requests in flight (default: 1024).")
  Integer inFlight;

  @Option(
      names = "--spark-option",
      paramLabel = "--NAME=VALUE",
      description =
          "Extra Spark job option, repeatable, e.g. --spark-option=--trigger-interval=500ms")
  List<String> sparkOptions = new ArrayList<>();

  @Option(
      names = "--flink-option",
      paramLabel = "--NAME=VALUE",
      description = "Extra Flink job option, repeatable, e.g. --flink-option=--buffer-timeout=10ms")
  List<String> flinkOptions = new ArrayList<>();

  @Option(
      names = "--spark-rt-option",
      paramLabel = "--NAME=VALUE",
      description =
          "Extra spark-rt job option, repeatable, e.g."
              + " --spark-rt-option=--checkpoint-interval=5s")
  List<String> sparkRtOptions = new ArrayList<>();

  @Option(
      names = "--job-timeout",
      paramLabel = "SECONDS",
      description = "Longest a single job run may take (default: 900; quick: 180).")
  Integer jobTimeoutSeconds;

  @Option(
      names = "--report",
      paramLabel = "FILE",
      description =
          "Markdown report; plots, results.json and results.csv go beside it"
              + " (default: docs/benchmarks/README.md).")
  Path report;

  @Option(
      names = "--notes",
      paramLabel = "FILE",
      description =
          "Markdown analysis of the figures to include in the report (e.g. why a target does not"
              + " hold).")
  Path notes;

  @Option(
      names = "--profile",
      description =
          "Record each throughput job with JDK Flight Recorder (<work dir>/<table>.jfr) and write"
              + " its top frames by self and total samples to profile-<engine>.md beside the"
              + " report.")
  boolean profile;

  @Option(
      names = "--heap",
      paramLabel = "SIZE",
      defaultValue = "2g",
      description = "Maximum heap of each job JVM (default: ${DEFAULT-VALUE}).")
  String heap;

  @Option(
      names = "--keep-data",
      description = "Keep the benchmark's tables (keyspace userstream_bench) and topics.")
  boolean keepData;

  @Option(
      names = "--keep-stack",
      description = "Leave the local stack running at the end (it is stopped if bench started it).")
  boolean keepStack;

  @Mixin StackOptions stackOptions;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    BenchPlan plan = plan();
    PeerJobLauncher peer = new PeerJobLauncher();
    JobStarter starter =
        (engine, jvmOptions, jobArgs) ->
            (engine.equals(BenchPlan.PEER) ? peer : engine(engine).launcher())
                .withJvmOptions(jvmOptions)
                .process(RepoRoot.path(), jobArgs, heap);
    OptionValues given = DeclaredOptions.values(spec, PipelineOptions.OPTIONS, System.getenv());
    if (given.isGiven(PipelineOptions.BOOTSTRAP_SERVERS)) {
      BenchServers servers =
          servers(
              given.with(PipelineOptions.CASSANDRA_PORT, stackOptions.config().cassandraPort()));
      return run(plan, servers, starter, out);
    }
    // A stack this run starts dies with it, unless --keep-stack asks to leave it running.
    StackConfig config =
        keepStack
            ? stackOptions.config()
            : stackOptions.config().withOwner(ProcessHandle.current().pid());
    // Checked before the stack starts, so that a bad option costs no start-up.
    BenchServers servers =
        servers(
            given
                .with(PipelineOptions.BOOTSTRAP_SERVERS, config.kafkaBootstrap())
                .with(PipelineOptions.CASSANDRA_HOST, List.of(StackConfig.HOST))
                .with(PipelineOptions.CASSANDRA_PORT, config.cassandraPort()));
    LocalStack stack = new LocalStack(config);
    out.println(
        "== local stack (Kafka "
            + config.kafkaBootstrap()
            + ", Cassandra "
            + config.cassandraAddress()
            + ") ==");
    out.flush();
    boolean started =
        stack.up(
                stackOptions.timeout(),
                line -> {
                  out.println(line);
                  out.flush();
                })
            == LocalStack.UpResult.STARTED;
    if (!started) {
      out.println("the stack is already up: using it, and leaving it running");
    }
    try {
      return run(plan, servers.withServicePids(servicePids(stack)), starter, out);
    } finally {
      if (started && !keepStack) {
        out.println("stopping the local stack this benchmark started (--keep-stack keeps it) ...");
        out.flush();
        stack.down();
      }
    }
  }

  /** The local services' processes, whose CPU each run records. */
  private static Map<CpuRole, Long> servicePids(LocalStack stack) {
    Map<CpuRole, Long> pids = new EnumMap<>(CpuRole.class);
    for (ServiceStatus service : stack.status()) {
      CpuRole role = CpuRole.valueOf(service.service().toUpperCase(Locale.ROOT));
      service.pid().ifPresent(pid -> pids.put(role, pid));
    }
    return pids;
  }

  /**
   * The servers of these connection options (checked like {@code run}'s, secrets from the same
   * environment variables), with sessions opened the way {@code verify} opens them.
   */
  private static BenchServers servers(OptionValues options) {
    PipelineOptions connection = new PipelineOptions(options);
    return new BenchServers(
        connection,
        tuning -> {
          try {
            return CassandraSessions.open(connection, tuning);
          } catch (DriverException e) {
            throw CassandraPreflight.failure(connection, "connecting", e);
          }
        });
  }

  private int run(BenchPlan plan, BenchServers servers, JobStarter starter, PrintWriter out) {
    try {
      BenchResults results =
          new BenchRunner(plan, servers, starter, out, BenchResults.buildVersions()).run();
      out.printf(
          "%d runs measured in %.1f min%n",
          results.runs().size(), results.elapsed().toMillis() / 60000.0);
      return 0;
    } catch (BenchException e) {
      throw new CommandFailure(e.getMessage());
    } catch (DriverException e) {
      // One line, as for every other failure: a query of the benchmark's own that Cassandra failed.
      throw new CommandFailure(
          "Cassandra failed a query of the benchmark: " + CassandraPreflight.firstLine(e));
    }
  }

  private BenchPlan plan() {
    BenchPlan.Builder b = quick ? BenchPlan.quickBuilder() : BenchPlan.builder();
    Path root = RepoRoot.path();
    b.report(report != null ? report.toAbsolutePath() : root.resolve(b.report()));
    b.workDir(root.resolve(b.workDir()));
    if (engines != null) {
      b.engines(engines.stream().map(e -> e.strip().toLowerCase(Locale.ROOT)).toList());
    }
    if (scenarios != null) {
      Set<Scenario> chosen = EnumSet.noneOf(Scenario.class);
      for (String s : scenarios) {
        chosen.add(parse(() -> Scenario.parse(s)));
      }
      b.scenarios(chosen);
    }
    // An option not given keeps the preset's value.
    ifGiven(events, b::events);
    ifGiven(repeat, b::repeat);
    ifGiven(rate, b::rate);
    ifGiven(load, b::loadFraction);
    ifGiven(latencySeconds, s -> b.latencyDuration(Duration.ofSeconds(s)));
    ifGiven(latencyWarmupSeconds, s -> b.latencyWarmup(Duration.ofSeconds(s)));
    ifGiven(warmupRows, b::warmupRows);
    ifGiven(engineWarmupEvents, b::engineWarmupEvents);
    ifGiven(inFlight, b::inFlight);
    ifGiven(jobTimeoutSeconds, s -> b.jobTimeout(Duration.ofSeconds(s)));
    sparkOptions.forEach(o -> b.engineOption("spark", o));
    flinkOptions.forEach(o -> b.engineOption("flink", o));
    sparkRtOptions.forEach(o -> b.engineOption("spark-rt", o));
    b.keepData(keepData);
    b.profile(profile);
    if (notes != null) {
      if (!Files.isReadable(notes)) {
        throw new CommandFailure("--notes: cannot read " + notes);
      }
      b.notes(notes.toAbsolutePath());
    }
    b.commandLine(commandLine());
    return parse(b::build);
  }

  /** {@code ./userstream bench} and this command's own arguments, as typed. */
  private String commandLine() {
    List<String> all = spec.commandLine().getParseResult().originalArgs();
    int own = all.indexOf(spec.name());
    return "./userstream " + String.join(" ", own < 0 ? all : all.subList(own, all.size())).strip();
  }

  private static Engine engine(String name) {
    for (Engine e : Engine.values()) {
      if (e.cliName().equals(name)) {
        return e;
      }
    }
    throw new CommandFailure("unknown engine '" + name + "'");
  }

  private static <T> void ifGiven(T value, Consumer<T> setter) {
    if (value != null) {
      setter.accept(value);
    }
  }

  /** A bad option value becomes a usage error (exit 2) with its one-line message. */
  private static <T> T parse(Supplier<T> value) {
    try {
      return value.get();
    } catch (IllegalArgumentException e) {
      throw new OptionsException(e.getMessage());
    }
  }
}
