package dev.userstream.bench;

import dev.userstream.io.PipelineOptions;
import dev.userstream.producer.ConsoleProgress;
import dev.userstream.producer.GeneratorSource;
import dev.userstream.producer.ProduceException;
import dev.userstream.producer.ProduceRequest;
import dev.userstream.producer.ProduceSummary;
import dev.userstream.producer.UserProducer;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * What every scenario of one invocation shares: plan, servers, the job starter, Cassandra, the
 * console, and the names of this invocation's topics, tables and files.
 */
final class BenchContext {
  final BenchPlan plan;
  final BenchServers servers;
  final JobStarter starter;
  final BenchCassandra cassandra;
  final PrintWriter out;
  final String runId;
  final List<String> topics = new ArrayList<>();
  final List<String> notes = new ArrayList<>();

  /** The flight recordings of the throughput runs, with --profile. */
  final List<JfrProfile.Recording> recordings = new ArrayList<>();

  BenchContext(
      BenchPlan plan,
      BenchServers servers,
      JobStarter starter,
      BenchCassandra cassandra,
      PrintWriter out,
      String runId) {
    this.plan = plan;
    this.servers = servers;
    this.starter = starter;
    this.cassandra = cassandra;
    this.out = out;
    this.runId = runId;
  }

  /** A topic name of this invocation, remembered so that it can be deleted at the end. */
  String topic(String suffix) {
    String topic = "bench_" + runId + "_" + suffix;
    topics.add(topic);
    return topic;
  }

  /** The pipeline options of one job run: its topic, its own table pair and checkpoint folder. */
  PipelineOptions options(String topic, String table, PipelineOptions.Mode mode) {
    return servers.connection().toBuilder()
        .topic(topic)
        .keyspace(BenchCassandra.KEYSPACE)
        .usersTable(table)
        .rejectsTable(table + "_rej")
        .checkpointDir(checkpoint(table).toString())
        .mode(mode)
        .build();
  }

  /**
   * One job run, not started: pipeline options plus the plan's options for that engine on its
   * command line, the secrets (passwords, secret Kafka properties) in its environment, as {@code
   * userstream run} passes them.
   */
  /** {@code engine} as part of a Cassandra table name, which takes no {@code -}: spark_rt. */
  static String tableName(String engine) {
    return engine.replace('-', '_');
  }

  ProcessBuilder job(String engine, PipelineOptions options) {
    return job(engine, options, List.of());
  }

  /** {@link #job(String, PipelineOptions)} with {@code jvmOptions} added to the job JVM's flags. */
  ProcessBuilder job(String engine, PipelineOptions options, List<String> jvmOptions) {
    List<String> args = new ArrayList<>(options.toArgs());
    args.addAll(plan.optionsFor(engine));
    ProcessBuilder job = starter.process(engine, jvmOptions, args);
    job.environment().putAll(options.secretEnvironment());
    return job;
  }

  Path workDir() {
    return plan.workDir().resolve(runId);
  }

  /** The checkpoint folder of the job run writing {@code table}. */
  Path checkpoint(String table) {
    return workDir().resolve("checkpoints").resolve(table);
  }

  /**
   * The processes whose CPU a run records: its own ({@code role}: the job with its children, or the
   * ceiling's writer) and the local services, if the stack is local.
   */
  Map<CpuRole, CpuSampler.Target> cpuTargets(CpuRole role, CpuSampler.Target process) {
    Map<CpuRole, CpuSampler.Target> targets = new EnumMap<>(CpuRole.class);
    targets.put(role, process);
    servers
        .servicePids()
        .forEach((service, pid) -> targets.put(service, CpuSampler.Target.withChildren(pid)));
    return targets;
  }

  /** Starts the job writing {@code table}, its output in that table's log, and says so. */
  JobRun startJob(ProcessBuilder job, String table, String label) {
    JobRun run = JobRun.start(job, log(table), label);
    print("  " + label + ": job started, log " + log(table));
    return run;
  }

  /** Samples the CPU of {@code run}'s job (with its children) and of the local services. */
  CpuSampler sampleJob(JobRun run) {
    return CpuSampler.start(cpuTargets(CpuRole.JOB, CpuSampler.Target.withChildren(run.pid())));
  }

  /** The flight recording of the job writing {@code table}. */
  Path recording(String table) {
    return workDir().resolve(table + ".jfr");
  }

  Path log(String name) {
    return workDir().resolve("logs").resolve(name + ".log");
  }

  /**
   * Produces generator users (all valid, in the plan's record format) to {@code topic}: {@code
   * events} of them, or for {@code duration} when given, at {@code rate} per second (0 = as fast as
   * possible).
   */
  ProduceSummary produce(String topic, long events, long seed, double rate, Duration duration) {
    ProduceRequest request =
        ProduceRequest.builder(options(topic, "unused", PipelineOptions.Mode.AVAILABLE_NOW))
            .events(events)
            .format(plan.recordFormat())
            .seed(seed)
            .rate(rate)
            .duration(duration)
            .build();
    try (GeneratorSource users = new GeneratorSource(seed)) {
      ProduceSummary summary =
          new UserProducer(request).produce(users, ConsoleProgress.forConsole(out));
      print("  " + summary.line());
      return summary;
    } catch (ProduceException e) {
      throw new BenchException(e.getMessage(), e);
    }
  }

  void print(String line) {
    out.println(line);
    out.flush();
  }

  /** A line printed now and repeated in the report's notes. */
  void note(String line) {
    print("  note: " + line);
    notes.add(line);
  }
}
