package dev.userstream.spark;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.datastax.oss.driver.api.core.CqlSession;
import dev.userstream.model.CassandraSchema;
import dev.userstream.model.PipelineOptions;
import dev.userstream.model.UserTransform;
import dev.userstream.stack.LocalStack;
import dev.userstream.stack.SharedTestStack;
import dev.userstream.stack.pipeline.ExpectedRows;
import dev.userstream.stack.pipeline.PipelineAssertions;
import dev.userstream.stack.pipeline.ProducedRecord;
import dev.userstream.stack.pipeline.StoredRows;
import dev.userstream.stack.pipeline.TestRecords;
import dev.userstream.stack.pipeline.TopicWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A continuous run killed with SIGKILL mid-stream, while the producer is still writing, then
 * restarted from its checkpoint: in the end every record is stored exactly once.
 */
class CrashRecoveryIT {
  private static final int TOTAL = 24_000;
  private static final int FIRST = 4_000;
  private static final int CHUNK = 1_000;

  @Test
  void killedRunResumesFromItsCheckpointWithoutLossOrDuplicates(@TempDir Path dir)
      throws Exception {
    LocalStack stack = SharedTestStack.get();
    String topic = SharedTestStack.uniqueName("spark_crash");
    String keyspace = SharedTestStack.uniqueName("spark_crash");
    PipelineOptions p =
        StackJobs.pipeline(stack, topic, keyspace, dir.resolve("checkpoints"))
            .mode(PipelineOptions.Mode.CONTINUOUS)
            .build();
    CassandraSchema schema = p.cassandraSchema();
    List<String> jobArgs = new ArrayList<>(p.toArgs());
    // Small, frequent batches: rows land early, and the kill finds work in flight.
    jobArgs.addAll(List.of("--trigger-interval=200ms", "--max-offsets-per-trigger=1500"));

    List<byte[]> values = TestRecords.mixed(TOTAL, TOTAL / 20, 44);
    List<ProducedRecord> records =
        new ArrayList<>(TopicWriter.write(stack.kafka(), topic, 2, values.subList(0, FIRST)));
    Path log = dir.resolve("job.log");

    try (CqlSession session = stack.cassandra().session()) {
      Process first = StackJobs.startJobJvm(jobArgs, log);
      try {
        StackJobs.poll(
            "the first rows",
            Duration.ofMinutes(3),
            () -> tableExists(session, schema) && StackJobs.storedRows(session, schema) > 0,
            log);
        // The rest arrives in chunks while the job runs; it is killed after two of them.
        CountDownLatch twoChunks = new CountDownLatch(2);
        CompletableFuture<List<ProducedRecord>> rest =
            CompletableFuture.supplyAsync(
                () -> {
                  List<ProducedRecord> written = new ArrayList<>();
                  for (int from = FIRST; from < TOTAL; from += CHUNK) {
                    written.addAll(
                        TopicWriter.write(
                            stack.kafka(), topic, 2, values.subList(from, from + CHUNK)));
                    twoChunks.countDown();
                  }
                  return written;
                });
        assertTrue(twoChunks.await(2, TimeUnit.MINUTES), "producer wrote two chunks");
        first.destroyForcibly().waitFor();
        long atKill = StackJobs.storedRows(session, schema);
        assertTrue(atKill > 0 && atKill < TOTAL, "killed mid-stream, rows at kill: " + atKill);
        records.addAll(rest.get(3, TimeUnit.MINUTES));
      } finally {
        first.destroyForcibly();
      }

      Process second = StackJobs.startJobJvm(jobArgs, log);
      try {
        StackJobs.poll(
            "all " + TOTAL + " records after the restart",
            Duration.ofMinutes(4),
            () -> StackJobs.storedRows(session, schema) >= TOTAL,
            log);
      } finally {
        second.destroy();
        if (!second.waitFor(30, TimeUnit.SECONDS)) {
          second.destroyForcibly().waitFor();
        }
      }
      PipelineAssertions.assertExactly(
          ExpectedRows.of(records, UserTransform.withDefaults()),
          StoredRows.read(session, schema),
          "spark");
    }
  }

  private static boolean tableExists(CqlSession session, CassandraSchema schema) {
    return session
        .getMetadata()
        .getKeyspace(schema.keyspace())
        .flatMap(k -> k.getTable(schema.rejectsTable()))
        .isPresent();
  }
}
