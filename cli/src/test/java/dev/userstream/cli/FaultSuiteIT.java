package dev.userstream.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.userstream.io.SparkCheckpointOffsets;
import dev.userstream.stack.LocalStack;
import dev.userstream.stack.pipeline.ProducedRecord;
import dev.userstream.stack.pipeline.SteadyWriter;
import dev.userstream.stack.pipeline.StoredRows;
import dev.userstream.stack.pipeline.TestRecords;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The design's promise under faults, for each engine in continuous mode while records arrive at a
 * steady rate: every record lands exactly once in created_users or rejected_users, with
 * common-model's columns and reasons, whatever fails.
 *
 * <p>Each case: a warm-up written at once proves the job runs; then {@link SteadyWriter} writes the
 * rest at {@value #RATE} records/s, and a third of the way in (the job busy, Flink and spark-rt
 * with a checkpoint of the stream) the fault strikes while the writer goes on. Afterwards users +
 * rejects must equal the records produced, column by column. The suite has its own stack ({@link
 * FaultFixture#ensureStack()}), since it stops and starts the servers.
 *
 * <p>Every case runs on every engine, spark-rt in Real-Time Mode with its shortest checkpoint
 * interval.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FaultSuiteIT {
  private static final int TOTAL = 6_000;
  private static final int WARMUP = 300;
  private static final int RATE = 250;
  private static final Duration STARTUP = Duration.ofMinutes(3);
  private static final Duration LANDING = Duration.ofMinutes(4);

  /** fault / engine → what happened and the counts, printed at the end as the suite's table. */
  private static final Map<String, String> REPORT = new TreeMap<>();

  @Order(1)
  @ParameterizedTest(name = "{0}")
  @EnumSource(Engine.class)
  void jobKilledWithSigkillResumesFromItsCheckpoint(Engine engine) throws Exception {
    long[] epochAtKill = {-1};
    try (FaultFixture f = new FaultFixture(engine, "kill")) {
      run(
          f,
          "job SIGKILL",
          TestRecords.mixed(TOTAL, TOTAL / 20, 81),
          (fixture, writer) -> {
            JobUnderTest first = fixture.job();
            // The job's own JVM, not a launcher in front of it that would leave it orphaned.
            String main =
                switch (engine) {
                  case SPARK -> "SparkJobMain";
                  case SPARK_RT -> "SparkRtJobMain";
                  case FLINK -> "FlinkJobMain";
                };
            assertTrue(
                first.executable().endsWith("/java")
                    && first.command().stream().anyMatch(arg -> arg.endsWith("." + main)),
                "the process to kill is the job JVM: " + first.executable() + " ... " + main);
            first.kill();
            long atKill = fixture.storedRowsNow();
            fixture.note(
                "SIGKILL of the job JVM (pid "
                    + first.pid()
                    + ") with "
                    + atKill
                    + " rows stored, "
                    + writer.sent()
                    + " records of the stream written");
            assertFalse(writer.isDone(), "killed while records were still being written");
            if (engine == Engine.SPARK_RT) {
              epochAtKill[0] = fixture.lastCommittedEpoch();
              fixture.note(
                  "the checkpoint at the kill: epoch "
                      + epochAtKill[0]
                      + " committed, covering "
                      + SparkCheckpointOffsets.committedRecords(fixture.checkpoint())
                      + " records; what was written past it is read again");
            }
            writer.release();
            fixture.restartAfter("SIGKILL by the test");
          },
          false);
      // Resumed, not started over: Flink says so, Spark's batch ids go on; spark-rt's go on
      // right after the last epoch the checkpoint committed before the kill.
      switch (engine) {
        case FLINK ->
            assertTrue(
                f.job().output().contains("resuming from checkpoint"),
                "the restart resumes from the retained checkpoint\n" + f.job().tail(40));
        case SPARK -> {
          long firstBatch = FaultFixture.firstSparkBatch(f.job());
          assertTrue(firstBatch > 0, "the restart goes on from batch " + firstBatch);
          f.note("the restarted run began at micro-batch " + firstBatch);
        }
        case SPARK_RT -> {
          long firstEpoch = FaultFixture.firstSparkBatch(f.job());
          assertTrue(epochAtKill[0] >= 0, "an epoch was committed before the kill");
          assertEquals(
              epochAtKill[0] + 1,
              firstEpoch,
              "the restart's first epoch with rows follows the last committed one\n"
                  + f.job().tail(40));
          f.note("the restarted run began at epoch " + firstEpoch);
        }
      }
    }
  }

  @Order(2)
  @ParameterizedTest(name = "{0}")
  @EnumSource(Engine.class)
  void poisonInputIsRejectedAndTheJobNeverStops(Engine engine) throws Exception {
    List<byte[]> values = new ArrayList<>(TestRecords.mixed(TOTAL, TOTAL / 20, 82));
    List<byte[]> poison = TestRecords.poison();
    int at = WARMUP + (TOTAL - WARMUP) / 2;
    values.addAll(at, poison);
    try (FaultFixture f = new FaultFixture(engine, "poison")) {
      FaultFixture.CaseResult result =
          run(
              f,
              "poison input",
              values,
              (fixture, writer) -> {
                fixture.note(
                    poison.size() + " poison records follow in the stream: " + poisonKinds());
                writer.release();
              },
              false);
      assertEquals(List.of(), f.restarts(), "the job ran from start to end without a restart");
      if (engine == Engine.FLINK) {
        assertEquals(0, f.flinkInJobRestarts(), "Flink never failed over\n" + f.job().tail(40));
      }
      List<String> reasons = new ArrayList<>();
      for (ProducedRecord record : result.records().subList(at, at + poison.size())) {
        String reason = result.stored().rejects().get(record.position());
        assertTrue(reason != null, "poison at " + record.position() + " is a reject");
        reasons.add(reason.length() > 70 ? reason.substring(0, 70) + "..." : reason);
      }
      f.note("poison reasons stored: " + reasons);
    }
  }

  @Order(3)
  @ParameterizedTest(name = "{0}")
  @EnumSource(Engine.class)
  void kafkaBrokerRestartedMidStreamTheJobResumes(Engine engine) throws Exception {
    restartedMidStream(Server.KAFKA, engine, 83);
  }

  @Order(4)
  @ParameterizedTest(name = "{0}")
  @EnumSource(Engine.class)
  void cassandraRestartedMidStreamNothingIsLost(Engine engine) throws Exception {
    restartedMidStream(Server.CASSANDRA, engine, 84);
  }

  /** Stops the suite's stack and prints what each engine did under each fault. */
  @AfterAll
  static void report() {
    FaultFixture.stopStack();
    System.out.println("[fault-suite] fault x engine:");
    REPORT.forEach((key, line) -> System.out.println("[fault-suite]   " + key + ": " + line));
  }

  /** Runs one case ({@link FaultFixture#runCase}) and adds what happened to the suite's report. */
  private static FaultFixture.CaseResult run(
      FaultFixture f,
      String fault,
      List<byte[]> values,
      FaultFixture.Fault strike,
      boolean operatorRestarts)
      throws Exception {
    FaultFixture.CaseResult result =
        f.runCase(values, WARMUP, RATE, STARTUP, LANDING, strike, operatorRestarts);
    List<ProducedRecord> records = result.records();
    StoredRows stored = result.stored();
    String behaviour =
        f.restarts().isEmpty()
            ? "kept running"
            : "started again by the test after " + String.join("; then ", f.restarts());
    if (f.engine == Engine.FLINK) {
      behaviour += "; restarts inside Flink (its restart strategy): " + f.flinkInJobRestarts();
    }
    String line =
        String.format(
            "produced=%d users=%d rejects=%d (users + rejects = produced); job %s",
            records.size(), stored.users().size(), stored.rejects().size(), behaviour);
    f.note(line);
    REPORT.put(fault + " / " + f.engine.cliName(), line);
    return result;
  }

  /**
   * A server the suite restarts mid-stream. The job must ride out either outage without an
   * operator: an exit fails the case. Cassandra is down for at least 30 s (its start adds more):
   * Spark writes the failed micro-batch again ({@code --batch-retry-timeout}), Flink restarts from
   * its last checkpoint (its restart strategy). spark-rt is the exception: Cassandra's outage ends
   * it, and it is started again as an operator would.
   */
  private enum Server {
    KAFKA("Kafka", Duration.ofSeconds(10)),
    CASSANDRA("Cassandra", Duration.ofSeconds(30));

    final String label;
    final Duration outage;

    Server(String label, Duration outage) {
      this.label = label;
      this.outage = outage;
    }

    void stop(LocalStack stack) {
      switch (this) {
        case KAFKA -> stack.kafka().stop();
        case CASSANDRA -> stack.cassandra().stop();
      }
    }

    void start(LocalStack stack) {
      switch (this) {
        case KAFKA -> stack.kafka().start(LocalStack.DEFAULT_START_TIMEOUT);
        case CASSANDRA -> stack.cassandra().start(LocalStack.DEFAULT_START_TIMEOUT);
      }
    }

    /**
     * The fault: stopped (SIGTERM), the writer let go on, the job watched through the outage from
     * the moment the stop began, then started again.
     */
    void restart(FaultFixture fixture, SteadyWriter writer) throws InterruptedException {
      LocalStack stack = fixture.servers();
      long t0 = System.nanoTime();
      stop(stack);
      writer.release();
      fixture.note(
          label
              + " stopped (SIGTERM) in "
              + seconds(t0)
              + "; started again "
              + outage.toSeconds()
              + " s after the stop began");
      watch(fixture, outage, t0);
      start(stack);
      fixture.note(
          label
              + " answers again "
              + seconds(t0)
              + " after the stop began; job "
              + (fixture.job().isAlive() ? "still running" : "exited"));
    }
  }

  /**
   * One restart case: {@code server} restarted under {@code engine}'s job, records of {@code seed}.
   */
  private static void restartedMidStream(Server server, Engine engine, int seed) throws Exception {
    try (FaultFixture f = new FaultFixture(engine, server.name().toLowerCase(Locale.ROOT))) {
      run(
          f,
          server.label + " restart",
          TestRecords.mixed(TOTAL, TOTAL / 20, seed),
          server::restart,
          // Real-Time Mode has no micro-batch to write again: its query ends (docs/operations.md).
          server == Server.CASSANDRA && engine == Engine.SPARK_RT);
    }
  }

  /** Watches the job through an outage of {@code outage} since {@code t0}, noting an exit. */
  private static void watch(FaultFixture f, Duration outage, long t0) throws InterruptedException {
    boolean noted = false;
    while (System.nanoTime() - t0 < outage.toNanos()) {
      if (!noted && !f.job().isAlive()) {
        f.note(
            "job exited with code "
                + f.job().exitCode()
                + " "
                + seconds(t0)
                + " into the outage: "
                + FaultFixture.lastError(f.job()));
        noted = true;
      }
      Thread.sleep(250);
    }
  }

  private static String seconds(long t0) {
    return String.format("%.1f s", (System.nanoTime() - t0) / 1e9);
  }

  private static String poisonKinds() {
    List<String> kinds = new ArrayList<>();
    TestRecords.BAD_KINDS.forEach(k -> kinds.add(k.name()));
    kinds.add("null value (tombstone)");
    kinds.add(TestRecords.NEAR_BROKER_MAX_BYTES + "-byte record");
    return String.join(", ", kinds);
  }
}
