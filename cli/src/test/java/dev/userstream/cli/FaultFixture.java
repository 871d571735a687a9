package dev.userstream.cli;

import static org.junit.jupiter.api.Assertions.fail;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.servererrors.InvalidQueryException;
import dev.userstream.io.CheckpointPaths;
import dev.userstream.io.PipelineOptions;
import dev.userstream.io.SparkCheckpointOffsets;
import dev.userstream.model.CassandraSchema;
import dev.userstream.model.UserTransform;
import dev.userstream.stack.LocalStack;
import dev.userstream.stack.SharedTestStack;
import dev.userstream.stack.pipeline.ExpectedRows;
import dev.userstream.stack.pipeline.PipelineAssertions;
import dev.userstream.stack.pipeline.ProducedRecord;
import dev.userstream.stack.pipeline.SteadyWriter;
import dev.userstream.stack.pipeline.StoredRows;
import dev.userstream.stack.pipeline.TopicWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What the fault suite shares: its own local stack (the suite stops and starts its servers, so it
 * cannot use the stack other tests share), and per case a topic, a keyspace, the job under test
 * with the restarts an operator would do, row counts that ride out a Cassandra outage, and the
 * final exactly-once check.
 */
final class FaultFixture implements AutoCloseable {
  static final Path ROOT = Path.of(System.getProperty("user.dir")).getParent();

  /** Added to the test ports, past the shared stack's (+0) and the other suites' offsets. */
  private static final int PORT_SHIFT = 600;

  static final int PARTITIONS = 2;
  static final String HEAP = "1g";

  /** spark-job's per-batch line, spark-rt's per-epoch line: the batch id, the same counter. */
  private static final Pattern SPARK_BATCH = Pattern.compile("(?:batch|epoch) (\\d+): ");

  private static final String FLINK_RESTARTING = "to RESTARTING";

  private static LocalStack stack;

  final Engine engine;
  final String topic;
  final String keyspace;
  final Path workDir;
  private final LocalStack servers;
  private final int partitions;
  private final Function<List<String>, ProcessBuilder> launch;
  private final List<String> extraArgs;
  private final List<JobUnderTest> jobs = new ArrayList<>();
  private final List<String> events = new ArrayList<>();
  private final List<String> restarts = new ArrayList<>();
  private CqlSession session;

  /** A case of the fault suite: its stack, 2 partitions, the job as a local JVM. */
  FaultFixture(Engine engine, String fault) {
    this(
        ensureStack(),
        engine,
        fault,
        PARTITIONS,
        args -> JobUnderTest.localProcess(engine, args, HEAP),
        List.of());
  }

  /**
   * A case on {@code servers}: a topic of {@code partitions}, the job started by {@code launch}
   * with {@link #jobArgs()} plus {@code extraArgs}.
   */
  FaultFixture(
      LocalStack servers,
      Engine engine,
      String fault,
      int partitions,
      Function<List<String>, ProcessBuilder> launch,
      List<String> extraArgs) {
    this.servers = servers;
    this.engine = engine;
    this.partitions = partitions;
    this.launch = launch;
    this.extraArgs = List.copyOf(extraArgs);
    String name = fault + "_" + engine.cliName().replace('-', '_'); // a keyspace name
    this.topic = SharedTestStack.uniqueName(name);
    this.keyspace = topic;
    this.workDir = ROOT.resolve("cli/target/fault-suite").resolve(topic);
    servers.kafka().createTopic(topic, partitions);
  }

  /** The stack this case runs on. */
  LocalStack servers() {
    return servers;
  }

  /** The suite's stack, as {@link #ensureStack()} left it (a fault may have stopped a service). */
  static synchronized LocalStack stack() {
    if (stack == null) {
      throw new IllegalStateException("the fault stack was never started");
    }
    return stack;
  }

  /**
   * The suite's stack, started on first use from a clean folder, and restarted where a failed case
   * left a service down. Ports: the test ports + 600 + {@code userstream.it.port.offset}; folder:
   * {@code fault-stack} next to the shared stack's; owner: the Maven JVM, so the servers end with
   * the build whatever happens to this JVM.
   */
  static synchronized LocalStack ensureStack() {
    if (stack == null) {
      Path parent = SharedTestStack.dir().toAbsolutePath().getParent();
      LocalStack fresh =
          new LocalStack(SharedTestStack.config(parent.resolve("fault-stack"), PORT_SHIFT));
      fresh.down();
      fresh.wipe();
      stack = fresh;
    }
    if (!stack.isUp()) {
      stack.up(
          LocalStack.DEFAULT_START_TIMEOUT, line -> System.out.println("[fault-stack] " + line));
    }
    return stack;
  }

  /** Stops the suite's stack (the later integration tests of the build need the memory). */
  static synchronized void stopStack() {
    if (stack != null) {
      stack.down();
    }
  }

  /** One fault, done to the running case; it must let the writer go on. */
  @FunctionalInterface
  interface Fault {
    void strike(FaultFixture f, SteadyWriter writer) throws Exception;
  }

  /** What a case produced and found. */
  record CaseResult(List<ProducedRecord> records, StoredRows stored) {}

  /**
   * Runs one case: {@code warmup} records written at once prove the job runs; then {@link
   * SteadyWriter} writes the rest at {@code rate} records/s, and a third of the way in (the job
   * busy, Flink and spark-rt with a checkpoint of the stream) the fault strikes while the writer
   * goes on. Then waits until everything landed and checks it exactly. With {@code
   * operatorRestarts}, a job that exits is started again (and that is noted); otherwise an exit
   * fails the case.
   */
  CaseResult runCase(
      List<byte[]> values,
      int warmup,
      int rate,
      Duration startup,
      Duration landing,
      Fault strike,
      boolean operatorRestarts)
      throws Exception {
    List<ProducedRecord> records = new ArrayList<>(write(values.subList(0, warmup)));
    startJob();
    awaitStored("the job's first rows (the warm-up)", warmup, startup);

    List<byte[]> stream = values.subList(warmup, values.size());
    Instant streamStart = Instant.now();
    // The writer holds two thirds in until the fault struck, however slow the job was.
    try (SteadyWriter writer =
        SteadyWriter.start(servers.kafka(), topic, stream, rate, 2 * stream.size() / 3)) {
      await(
          "the fault point: a third of the stream written and the job busy with it",
          startup,
          () ->
              writer.sent() >= stream.size() / 3
                  && requireAlive()
                  && storedRows().orElse(0) > warmup
                  && (engine == Engine.SPARK || checkpointedStream(streamStart, warmup)));
      strike.strike(this, writer);
      records.addAll(writer.finish(Duration.ofMinutes(5)));
    }
    note(records.size() + " records produced, all acknowledged by the broker");
    awaitAllLanded(records.size(), landing, operatorRestarts);
    if (engine == Engine.SPARK_RT) {
      // Real-Time Mode writes each record at once but commits per epoch: stopping the job before
      // its first epoch ends would leave no evidence of where this run began (the kill case).
      await(
          "the running job's first epoch with rows committed (every 5 s)",
          Duration.ofMinutes(1),
          () -> firstSparkBatch(job()) >= 0);
    }
    stopJob();
    return new CaseResult(records, assertExactly(records));
  }

  /** Writes {@code values} at once (acknowledged) and returns where they landed. */
  List<ProducedRecord> write(List<byte[]> values) {
    return TopicWriter.write(servers.kafka(), topic, partitions, values);
  }

  /** The options every engine's job shares: continuous, this case's topic, keyspace, folder. */
  private PipelineOptions pipelineOptions() {
    return pipelineOptions(PipelineOptions.Mode.CONTINUOUS);
  }

  /** The options every engine's job shares in {@code mode}. */
  PipelineOptions pipelineOptions(PipelineOptions.Mode mode) {
    return PipelineOptions.builder()
        .mode(mode)
        .bootstrapServers(servers.config().kafkaBootstrap())
        .cassandraPort(servers.config().cassandraPort())
        .topic(topic)
        .keyspace(keyspace)
        .checkpointDir(workDir.resolve("checkpoints").toString())
        .build();
  }

  /** The job's options: continuous, short triggers or checkpoints so faults hit work in flight. */
  List<String> jobArgs() {
    List<String> args = new ArrayList<>(pipelineOptions().toArgs());
    switch (engine) {
      case SPARK ->
          args.addAll(List.of("--trigger-interval=500ms", "--max-offsets-per-trigger=1000"));
      case SPARK_RT -> args.add("--checkpoint-interval=5s"); // Real-Time Mode's shortest
      case FLINK -> args.add("--checkpoint-interval=1s");
    }
    args.addAll(extraArgs);
    return args;
  }

  /** This case's checkpoint folder of its engine, as the job derives it. */
  Path checkpoint() {
    return Path.of(CheckpointPaths.location(pipelineOptions(), engine.cliName()));
  }

  /** Starts the job (again): the same command every time, as an operator restarts it. */
  JobUnderTest startJob() {
    JobUnderTest job =
        JobUnderTest.start(
            engine.cliName(),
            launch.apply(jobArgs()),
            workDir.resolve("job-" + (jobs.size() + 1) + ".log"));
    jobs.add(job);
    return job;
  }

  /** Starts the job again after it ended for {@code why}, as an operator would. */
  void restartAfter(String why) {
    restarts.add(why);
    note("job ended (" + why + "); started again with the same command");
    startJob();
  }

  /** Why the job was started again, one entry per restart. */
  List<String> restarts() {
    return List.copyOf(restarts);
  }

  /** The job started last. */
  JobUnderTest job() {
    return jobs.get(jobs.size() - 1);
  }

  /** Notes what happened, for the suite's report. */
  void note(String event) {
    events.add(event);
    System.out.println("[fault-suite] " + engine.cliName() + " " + topic + ": " + event);
  }

  List<String> events() {
    return List.copyOf(events);
  }

  CassandraSchema schema() {
    return new CassandraSchema(
        keyspace, CassandraSchema.DEFAULT_USERS_TABLE, CassandraSchema.DEFAULT_REJECTS_TABLE, 1);
  }

  /**
   * Users + rejects stored so far: 0 before the job created the tables, empty while Cassandra does
   * not answer (the session is then opened anew, so a restarted node is seen at once instead of
   * after the driver's reconnection back-off).
   */
  OptionalLong storedRows() {
    try {
      if (session == null) {
        session = servers.cassandra().session();
      }
      return OptionalLong.of(
          session.execute(schema().countUsersCql()).one().getLong(0)
              + session.execute(schema().countRejectsCql()).one().getLong(0));
    } catch (InvalidQueryException noTablesYet) {
      return OptionalLong.of(0);
    } catch (RuntimeException unavailable) {
      closeSession();
      return OptionalLong.empty();
    }
  }

  long storedRowsNow() {
    return storedRows().orElse(-1);
  }

  /** Waits until at least {@code rows} are stored; the job must keep running meanwhile. */
  void awaitStored(String what, long rows, Duration timeout) throws InterruptedException {
    await(what, timeout, () -> requireAlive() && storedRows().orElse(0) >= rows);
  }

  /**
   * Waits until {@code produced} rows are stored. With {@code operatorRestarts}, a job that exited
   * is started again, as an operator (or a supervisor) would, and the exit is noted; otherwise an
   * exit fails the test.
   */
  void awaitAllLanded(int produced, Duration timeout, boolean operatorRestarts)
      throws InterruptedException {
    await(
        "all " + produced + " records in Cassandra (stored now: " + storedRowsNow() + ")",
        timeout,
        () -> {
          if (!job().isAlive() && operatorRestarts) {
            restartAfter("exit " + job().exitCode() + ": " + lastError(job()));
          }
          return requireAlive() && storedRows().orElse(0) >= produced;
        });
  }

  /** Polls {@code condition} every 500 ms; fails at the deadline with the job's log tail. */
  void await(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        fail(
            "timed out after "
                + timeout.toSeconds()
                + " s waiting for "
                + what
                + "; stored rows: "
                + storedRowsNow()
                + "\n"
                + job().tail(60));
      }
      Thread.sleep(500);
    }
  }

  /** True while the job runs; a job that ended is a failure, with its output. */
  boolean requireAlive() {
    if (!job().isAlive()) {
      fail("the job ended (exit code " + job().exitCode() + ")\n" + job().tail(80));
    }
    return true;
  }

  /**
   * Whether the job has checkpointed part of the stream that began at {@code streamStart} after
   * {@code warmup} records: Flink completed a checkpoint (its {@code _metadata} written) since
   * then; spark-rt (Real-Time Mode commits once per checkpoint interval) committed offsets past the
   * warm-up. Spark's micro-batches commit every trigger, so it is not asked.
   */
  boolean checkpointedStream(Instant streamStart, long warmup) {
    Path folder = checkpoint();
    if (!Files.isDirectory(folder)) {
      return false;
    }
    try {
      return switch (engine) {
        case FLINK -> {
          try (Stream<Path> files = Files.walk(folder)) {
            yield files
                .filter(p -> p.getFileName().toString().equals("_metadata"))
                .anyMatch(p -> modified(p).compareTo(streamStart) >= 0);
          }
        }
        case SPARK_RT -> SparkCheckpointOffsets.committedRecords(folder) > warmup;
        case SPARK -> throw new IllegalStateException("Spark commits every micro-batch");
      };
    } catch (IOException | UncheckedIOException e) {
      return false; // a checkpoint being written or subsumed meanwhile: ask again
    }
  }

  /** The last epoch spark-rt committed in this case's checkpoint, -1 if none. */
  long lastCommittedEpoch() {
    return SparkCheckpointOffsets.lastCommittedBatch(checkpoint()).orElse(-1);
  }

  private static Instant modified(Path file) {
    try {
      return Files.getLastModifiedTime(file).toInstant();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The first micro-batch (spark-rt: epoch) id a Spark run logged with rows, -1 if none yet. */
  static long firstSparkBatch(JobUnderTest job) {
    Matcher m = SPARK_BATCH.matcher(job.output());
    return m.find() ? Long.parseLong(m.group(1)) : -1;
  }

  /** How often Flink restarted the job inside its JVM (restart strategy), over all starts. */
  long flinkInJobRestarts() {
    return jobs.stream()
        .mapToLong(j -> j.output().lines().filter(l -> l.contains(FLINK_RESTARTING)).count())
        .sum();
  }

  /**
   * The one-line error a job prints before it exits 1 ({@code error: ...} from Spark and Flink),
   * for notes. In the shared log it may follow library output on the same line.
   */
  static String lastError(JobUnderTest job) {
    String found = "no error line";
    for (String line : job.output().lines().toList()) {
      for (String marker : List.of("error: ")) {
        int at = line.indexOf(marker);
        if (at >= 0) {
          found = line.substring(at);
        }
      }
    }
    return found.length() > 200 ? found.substring(0, 200) + "..." : found;
  }

  /** Stops the job as an operator does (SIGTERM). */
  void stopJob() throws InterruptedException {
    job().stop();
  }

  /**
   * The promise: users + rejects = produced, every user equal to common-model's output column by
   * column, every reject at its position with its reason. Returns the stored rows.
   */
  StoredRows assertExactly(List<ProducedRecord> records) {
    StoredRows stored;
    try (CqlSession fresh = servers.cassandra().session()) {
      stored = StoredRows.read(fresh, schema());
    }
    PipelineAssertions.assertExactly(
        ExpectedRows.of(records, UserTransform.withDefaults()), stored, engine.cliName());
    return stored;
  }

  private void closeSession() {
    if (session != null) {
      try {
        session.close();
      } catch (RuntimeException ignored) {
        // a session of a node that went away: nothing left to close cleanly
      }
      session = null;
    }
  }

  /** Kills every job JVM this case started that still runs, and closes the session. */
  @Override
  public void close() throws InterruptedException {
    for (JobUnderTest job : jobs) {
      if (job.isAlive()) {
        job.kill();
      }
    }
    closeSession();
  }
}
