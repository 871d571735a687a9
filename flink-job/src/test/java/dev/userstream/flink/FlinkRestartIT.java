package dev.userstream.flink;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.datastax.oss.driver.api.core.CqlSession;
import dev.userstream.model.PipelineOptions.Mode;
import dev.userstream.stack.pipeline.ProducedRecord;
import dev.userstream.stack.pipeline.TestRecords;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A continuous run in its own JVM is SIGKILLed mid-stream, while records are still being written,
 * and started again with the same command: it resumes from the retained checkpoint, and every
 * record lands exactly once.
 */
class FlinkRestartIT {
  private static final int TOTAL = 20_000;
  private static final int BEFORE_START = 6_000;
  private static final int CHUNK = 1_000;

  @Test
  void killedContinuousRunResumesFromItsCheckpointWithoutLossOrDuplicates() throws Exception {
    FlinkStackFixture fixture = new FlinkStackFixture("flink_kill");
    List<byte[]> values = TestRecords.mixed(TOTAL, TOTAL / 20, 23);
    List<ProducedRecord> produced = Collections.synchronizedList(new ArrayList<>());
    produced.addAll(fixture.write(values.subList(0, BEFORE_START)));

    FlinkJobOptions options =
        new FlinkJobOptions(
            fixture.options().mode(Mode.CONTINUOUS).build(),
            Duration.ofSeconds(1),
            FlinkJobOptions.DEFAULT_BUFFER_TIMEOUT,
            FlinkJobOptions.DEFAULT_CASSANDRA_MAX_CONCURRENT_REQUESTS,
            FlinkJobOptions.RESUME_LATEST);

    // The writer goes on while the job runs; halfway it waits for the kill, so records are
    // written both before and after it.
    CountDownLatch killed = new CountDownLatch(1);
    CompletableFuture<Void> writer =
        CompletableFuture.runAsync(
            () -> {
              int chunks = (TOTAL - BEFORE_START) / CHUNK;
              for (int c = 0; c < chunks; c++) {
                if (c == chunks / 2) {
                  await(killed);
                }
                int from = BEFORE_START + c * CHUNK;
                produced.addAll(fixture.write(values.subList(from, from + CHUNK)));
              }
            });

    try (CqlSession session = fixture.stack.cassandra().session()) {
      runKillAndRestart(fixture, options, session, killed, writer);
    } finally {
      killed.countDown(); // a failed test must not leave the writer waiting
    }
    writer.get(10, TimeUnit.SECONDS);
    fixture.assertExactly(new ArrayList<>(produced));
  }

  private static void runKillAndRestart(
      FlinkStackFixture fixture,
      FlinkJobOptions options,
      CqlSession session,
      CountDownLatch killed,
      CompletableFuture<Void> writer)
      throws Exception {
    List<String> args = options.toArgs();
    long atKill;
    try (ChildJob first =
        ChildJob.flinkJobMain(args, fixture.workDir, fixture.workDir.resolve("first.log"))) {
      FlinkStackFixture.await(
          "rows and a completed checkpoint before the kill",
          Duration.ofMinutes(3),
          () ->
              alive(first)
                  && fixture.storedRows(session) >= 3_000
                  && CheckpointLocator.latest(CheckpointLocator.storageFor(options.pipeline()))
                      .isPresent());
      first.kill();
      atKill = fixture.storedRows(session);
      assertTrue(
          atKill > 0 && atKill < TOTAL,
          "killed after some but not all rows landed: " + atKill + "\n" + first.output());
    }
    killed.countDown();

    try (ChildJob second =
        ChildJob.flinkJobMain(args, fixture.workDir, fixture.workDir.resolve("second.log"))) {
      FlinkStackFixture.await(
          "all " + TOTAL + " rows after the restart",
          Duration.ofMinutes(4),
          () -> alive(second) && writer.isDone() && fixture.storedRows(session) >= TOTAL);
      assertTrue(
          second.output().contains("resuming from checkpoint"),
          "the restart resumes:\n" + second.output());
    }
  }

  /** True while the job runs; a job that died is a failure, with its output. */
  private static boolean alive(ChildJob job) {
    if (job.isAlive()) {
      return true;
    }
    String output;
    try {
      output = job.output();
    } catch (java.io.IOException e) {
      output = "(no output: " + e + ")";
    }
    throw new AssertionError("the job process ended early:\n" + output);
  }

  private static void await(CountDownLatch latch) {
    try {
      if (!latch.await(5, TimeUnit.MINUTES)) {
        throw new IllegalStateException("the kill never came");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
