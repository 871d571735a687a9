package dev.userstream.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.userstream.io.PipelineOptions;
import dev.userstream.stack.LocalStack;
import dev.userstream.stack.ServiceEnvironment;
import dev.userstream.stack.ServiceStatus;
import dev.userstream.stack.SharedTestStack;
import dev.userstream.stack.StackConfig;
import dev.userstream.stack.pipeline.ProducedRecord;
import dev.userstream.stack.pipeline.TestRecords;
import java.io.IOException;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Each engine on a real cluster of the local stack, separate JVMs as in production: a Spark
 * standalone Master with two Workers (2 cores each), a Flink session cluster with two TaskManagers
 * (2 slots each), jobs submitted with {@code spark-submit --master spark://...} and {@code flink
 * run -m ...} exactly as {@code ./userstream run --cluster} does, at parallelism 4 over a
 * 4-partition topic.
 *
 * <ul>
 *   <li>available-now: exact counts, and the work spread over both Workers / TaskManagers;
 *   <li>continuous while records arrive at a steady rate: one Worker (with its executor) or one
 *       TaskManager killed with SIGKILL mid-stream and started again later; the job keeps running
 *       (Spark reschedules the lost tasks, Flink restarts from its last checkpoint), the member
 *       rejoins, and every record lands exactly once, column by column;
 *   <li>{@code run --cluster --detach}: the continuous job goes on after the command returned and
 *       after its backlog, until {@code jobs stop} ends it.
 * </ul>
 *
 * <p>The suite has its own stack (it kills cluster members), stopped at the end; {@code stack down}
 * must leave no process behind, executors included.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterIT {
  /** Added to the test ports, past the shared stack's, the fault suite's (+600) and others'. */
  private static final int PORT_SHIFT = 700;

  private static final int MEMBERS = 2;
  private static final int PARTITIONS = 4;
  private static final int PARALLELISM = 4;
  private static final int TOTAL = 6_000;
  private static final int WARMUP = 300;
  private static final int RATE = 250;
  private static final Duration STARTUP = Duration.ofMinutes(3);
  private static final Duration LANDING = Duration.ofMinutes(4);

  /**
   * Before a killed member is started again: longer than the Master's worker timeout and Flink's
   * heartbeat timeout (10 s each, set by the stack), so its coordinator has given it up first.
   */
  private static final Duration DOWN_FOR = Duration.ofSeconds(15);

  /** engine / case → what happened, printed at the end (docs/operations.md quotes it). */
  private static final Map<String, String> REPORT = new TreeMap<>();

  private static LocalStack stack;

  @BeforeAll
  static void startClusters() {
    Path parent = SharedTestStack.dir().toAbsolutePath().getParent();
    StackConfig config =
        SharedTestStack.config(parent.resolve("cluster-stack"), PORT_SHIFT)
            .withSparkCluster(PythonEnvs.sparkHome(FaultFixture.ROOT), MEMBERS)
            .withFlinkCluster(PythonEnvs.flinkHome(FaultFixture.ROOT), MEMBERS);
    stack = new LocalStack(config);
    stack.down();
    stack.wipe();
    stack.up(LocalStack.DEFAULT_START_TIMEOUT, line -> System.out.println("[cluster-it] " + line));
    List<ServiceStatus> status = stack.status();
    status.forEach(s -> System.out.println("[cluster-it] " + s.line()));
    assertEquals(2 + 2 * (1 + MEMBERS), status.size(), "every process listed: " + status);
    assertTrue(status.stream().allMatch(ServiceStatus::isUp), "all UP: " + status);
  }

  /** {@code stack down} stops every member, and the executors the Workers started. */
  @AfterAll
  static void stopClusters() {
    if (stack == null) {
      return;
    }
    List<ProcessHandle> all = new ArrayList<>();
    for (ServiceStatus s : stack.status()) {
      s.pid().ifPresent(pid -> ProcessHandle.of(pid).ifPresent(all::add));
    }
    List<ProcessHandle> children = new ArrayList<>();
    all.forEach(p -> p.descendants().forEach(children::add));
    List<String> stopped = stack.down();
    System.out.println("[cluster-it] stack down stopped " + stopped);
    REPORT.forEach((key, line) -> System.out.println("[cluster-it]   " + key + ": " + line));
    assertTrue(
        stack.status().stream().noneMatch(s -> s.pid().isPresent()),
        "no process left: " + stack.status());
    for (ProcessHandle p : all) {
      assertFalse(p.isAlive(), "pid " + p.pid() + " still runs after stack down");
    }
    for (ProcessHandle child : children) {
      child.onExit().orTimeout(30, java.util.concurrent.TimeUnit.SECONDS).join();
    }
  }

  @Order(1)
  @OnEachCluster
  void availableNowOnTheClusterAtParallelism4(Engine engine) throws Exception {
    try (FaultFixture f = fixture(engine, "cluster_an")) {
      List<ProducedRecord> records = f.write(TestRecords.mixed(4_000, 200, 91));
      Marks before = Marks.now(engine);
      List<String> args =
          new ArrayList<>(f.pipelineOptions(PipelineOptions.Mode.AVAILABLE_NOW).toArgs());
      args.add("--parallelism=" + PARALLELISM);
      JobUnderTest job =
          JobUnderTest.start(
              engine.cliName(), submit(engine, args), f.workDir.resolve("available-now.log"));
      assertTrue(job.waitFor(Duration.ofMinutes(5)), "the job ends\n" + job.tail(60));
      assertEquals(0, job.exitCode(), job.tail(60));
      assertTrue(job.output().contains("(parallelism " + PARALLELISM + ")"), job.tail(40));
      f.assertExactly(records);
      List<String> busy = before.membersThatRanTasks();
      assertEquals(
          MEMBERS,
          busy.size(),
          "both " + (engine == Engine.SPARK ? "Workers" : "TaskManagers") + " ran tasks: " + busy);
      REPORT.put(
          engine.cliName() + " / available-now",
          records.size() + " records, exact; tasks ran on " + String.join(" and ", busy));
    }
  }

  @Order(2)
  @OnEachCluster
  void oneWorkerKilledMidStreamNothingIsLostOrDoubled(Engine engine) throws Exception {
    try (FaultFixture f = fixture(engine, "cluster_kill")) {
      FaultFixture.CaseResult result =
          f.runCase(
              TestRecords.mixed(TOTAL, TOTAL / 20, 92),
              WARMUP,
              RATE,
              STARTUP,
              LANDING,
              (fixture, writer) -> {
                ServiceEnvironment member = member(engine, 1);
                ProcessHandle process = member.running().orElseThrow();
                List<ProcessHandle> executors = process.descendants().toList();
                long rowsAtKill = fixture.storedRowsNow();
                long t0 = System.nanoTime();
                // SIGKILL: the member and, for a Worker, the executor JVM it started.
                executors.forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                process.onExit().join();
                fixture.note(
                    "SIGKILL of "
                        + member.service()
                        + " (pid "
                        + process.pid()
                        + (executors.isEmpty() ? "" : ", and its executor")
                        + ") with "
                        + rowsAtKill
                        + " rows stored");
                writer.release();
                double stall = watchProgress(fixture, DOWN_FOR);
                stack.up(LocalStack.DEFAULT_START_TIMEOUT, line -> fixture.note(line));
                assertTrue(member.status().isUp(), member.service() + " rejoined");
                fixture.note(
                    member.service()
                        + " started again and registered "
                        + seconds(t0)
                        + " after the kill; longest gap between new rows in the "
                        + DOWN_FOR.toSeconds()
                        + " s after it (the other member's tasks go on): "
                        + String.format("%.1f s", stall));
                REPORT.put(
                    engine.cliName() + " / member killed",
                    String.format(
                        "longest gap between new rows after the kill %.1f s; %s back %s later",
                        stall, member.service(), seconds(t0)));
              },
              false);
      assertEquals(List.of(), f.restarts(), "the job itself kept running");
      if (engine == Engine.FLINK) {
        String jobManagerLog = Marks.flinkJobManagerLog();
        assertTrue(
            jobManagerLog.contains("to RESTARTING"),
            "Flink restarted the job after losing the TaskManager");
      }
      REPORT.merge(
          engine.cliName() + " / member killed",
          String.format(
              "; produced=%d users=%d rejects=%d, exact",
              result.records().size(),
              result.stored().users().size(),
              result.stored().rejects().size()),
          String::concat);
    }
  }

  @Order(3)
  @OnEachCluster
  void aDetachedJobRunsOnUntilStopped(Engine engine) throws Exception {
    try (FaultFixture f = fixture(engine, "cluster_detach")) {
      List<ProducedRecord> records = f.write(TestRecords.mixed(2_000, 100, 93));
      String address = address(engine);
      ProcessBuilder submit =
          engine
              .clusterLauncher(address, true)
              .processAsBuilt(FaultFixture.ROOT, f.jobArgs(), FaultFixture.HEAP);
      java.io.StringWriter out = new java.io.StringWriter();
      assertEquals(
          0,
          DetachedJobs.start(engine, f.topic, address, submit, new java.io.PrintWriter(out)),
          out.toString());
      String name = engine.cliName() + "-" + f.topic;
      DetachedJobs.Job job = DetachedJobs.find(name).orElseThrow();
      assertTrue(out.toString().contains("./userstream jobs stop " + name), out.toString());
      poll("every record stored", LANDING, () -> f.storedRowsNow() >= records.size(), job);
      assertEquals("RUNNING", job.state(), "a continuous job goes on after the backlog");
      DetachedJobs.stop(job, new java.io.PrintWriter(out));
      poll("the job stopped", Duration.ofMinutes(2), () -> !job.state().equals("RUNNING"), job);
      assertTrue(DetachedJobs.find(name).isEmpty(), "forgotten once stopped");
      f.assertExactly(records);
      REPORT.put(
          engine.cliName() + " / detached",
          records.size() + " records, exact; stopped by `jobs stop`, state " + job.state());
    }
  }

  /** Polls {@code condition} every 500 ms; fails at the deadline with the job's output. */
  private static void poll(
      String what,
      Duration timeout,
      java.util.function.BooleanSupplier condition,
      DetachedJobs.Job job)
      throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        org.junit.jupiter.api.Assertions.fail(
            "timed out waiting for "
                + what
                + "; the job is "
                + job.state()
                + "; its output:\n"
                + Files.readString(job.log(), StandardCharsets.UTF_8));
      }
      Thread.sleep(500);
    }
  }

  /** A test run once per engine with a cluster in the stack: spark, flink. */
  @Retention(RetentionPolicy.RUNTIME)
  @Target(ElementType.METHOD)
  @ParameterizedTest(name = "{0}")
  @EnumSource(
      value = Engine.class,
      names = {"SPARK", "FLINK"})
  @interface OnEachCluster {}

  /** A case on this suite's stack: 4 partitions, the job submitted to the engine's cluster. */
  private static FaultFixture fixture(Engine engine, String name) {
    return new FaultFixture(
        stack,
        engine,
        name,
        PARTITIONS,
        args -> submit(engine, args),
        List.of("--parallelism=" + PARALLELISM));
  }

  /** The submit command of {@code ./userstream run --cluster} for this suite's clusters. */
  private static ProcessBuilder submit(Engine engine, List<String> args) {
    return engine
        .clusterLauncher(address(engine))
        .processAsBuilt(FaultFixture.ROOT, args, FaultFixture.HEAP);
  }

  /** The engine's cluster in this suite's stack: the master URL, the JobManager's address. */
  private static String address(Engine engine) {
    return engine == Engine.SPARK
        ? stack.sparkCluster().masterUrl()
        : stack.flinkCluster().restAddress();
  }

  /** Worker or TaskManager {@code i} of the engine's cluster. */
  private static ServiceEnvironment member(Engine engine, int i) {
    if (engine == Engine.SPARK) {
      return stack.sparkCluster().worker(i);
    }
    return stack.flinkCluster().worker(i);
  }

  /**
   * Watches the stored rows for {@code duration} after a kill; returns the longest time in seconds
   * during which no new row arrived (while the writer went on). Not a recovery time: the other
   * member's tasks keep writing their partitions meanwhile.
   */
  private static double watchProgress(FaultFixture f, Duration duration)
      throws InterruptedException {
    long end = System.nanoTime() + duration.toNanos();
    long last = f.storedRowsNow();
    long since = System.nanoTime();
    double longest = 0;
    while (System.nanoTime() < end) {
      Thread.sleep(250);
      long now = f.storedRowsNow();
      if (now > last) {
        last = now;
        since = System.nanoTime();
      }
      longest = Math.max(longest, (System.nanoTime() - since) / 1e9);
    }
    return longest;
  }

  private static String seconds(long t0) {
    return String.format("%.1f s", (System.nanoTime() - t0) / 1e9);
  }

  /**
   * Where each member's task log stood before a run, to tell which members ran its tasks: Spark's
   * executors log "Running task" under each Worker's work folder; Flink's JobManager logs each
   * deployment "to flink-taskmanager-N".
   */
  private record Marks(Engine engine, Map<String, Long> counts) {
    static Marks now(Engine engine) throws IOException {
      return new Marks(engine, counts(engine));
    }

    List<String> membersThatRanTasks() throws IOException {
      Map<String, Long> after = counts(engine);
      List<String> busy = new ArrayList<>();
      after.forEach(
          (member, count) -> {
            if (count > counts.getOrDefault(member, 0L)) {
              busy.add(member);
            }
          });
      return busy;
    }

    private static Map<String, Long> counts(Engine engine) throws IOException {
      Map<String, Long> counts = new TreeMap<>();
      for (int i = 1; i <= MEMBERS; i++) {
        if (engine == Engine.SPARK) {
          String name = "spark-worker-" + i;
          counts.put(
              name, countIn(stack.config().home().resolve(name).resolve("work"), "Running task"));
        } else {
          String name = "flink-taskmanager-" + i;
          counts.put(
              name,
              flinkJobManagerLog().lines().filter(l -> l.contains(" to " + name + " @")).count());
        }
      }
      return counts;
    }

    private static long countIn(Path dir, String text) throws IOException {
      if (!Files.isDirectory(dir)) {
        return 0;
      }
      long n = 0;
      try (Stream<Path> files = Files.walk(dir)) {
        for (Path file : files.filter(p -> p.getFileName().toString().equals("stderr")).toList()) {
          n +=
              Files.readAllLines(file, StandardCharsets.UTF_8).stream()
                  .filter(l -> l.contains(text))
                  .count();
        }
      }
      return n;
    }

    static String flinkJobManagerLog() {
      Path log =
          stack
              .config()
              .home()
              .resolve("flink-jobmanager")
              .resolve("logs")
              .resolve("flink-jobmanager.log");
      try {
        return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
      } catch (IOException e) {
        return "";
      }
    }
  }
}
