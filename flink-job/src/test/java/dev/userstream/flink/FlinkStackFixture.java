package dev.userstream.flink;

import com.datastax.oss.driver.api.core.CqlSession;
import dev.userstream.io.PipelineOptions;
import dev.userstream.model.CassandraSchema;
import dev.userstream.model.UserTransform;
import dev.userstream.stack.LocalStack;
import dev.userstream.stack.SharedTestStack;
import dev.userstream.stack.StackConfig;
import dev.userstream.stack.pipeline.ExpectedRows;
import dev.userstream.stack.pipeline.PipelineAssertions;
import dev.userstream.stack.pipeline.ProducedRecord;
import dev.userstream.stack.pipeline.StoredRows;
import dev.userstream.stack.pipeline.TopicWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;

/** One integration test's slice of the shared stack: its own topic, keyspace and folders. */
final class FlinkStackFixture {
  final LocalStack stack = SharedTestStack.get();
  final String topic;
  final String keyspace;
  final Path workDir;
  private volatile boolean topicReady;
  static final int PARTITIONS = 2;

  FlinkStackFixture(String name) throws IOException {
    topic = SharedTestStack.uniqueName(name);
    keyspace = SharedTestStack.uniqueName(name);
    workDir = Files.createDirectories(Path.of("target", "it-work", topic).toAbsolutePath());
  }

  /**
   * Writes {@code values} to this fixture's topic (2 partitions) with local-stack's TopicWriter,
   * creating the topic first and waiting until both partitions answer. Writing right after the
   * creation races the broker loading the partitions: under load the idempotent producer's first
   * batch is refused, later ones land, and its retry then fails forever with
   * OutOfOrderSequenceException (seen in this module's runs).
   */
  List<ProducedRecord> write(List<byte[]> values) {
    if (!topicReady) {
      stack.kafka().createTopic(topic, PARTITIONS);
      Map<TopicPartition, OffsetSpec> partitions = new HashMap<>();
      for (int p = 0; p < PARTITIONS; p++) {
        partitions.put(new TopicPartition(topic, p), OffsetSpec.latest());
      }
      try (Admin admin = Admin.create(stack.kafka().clientProperties())) {
        await(
            "both partitions of " + topic + " to answer",
            Duration.ofSeconds(60),
            () -> {
              try {
                admin.listOffsets(partitions).all().get(5, TimeUnit.SECONDS);
                return true;
              } catch (ExecutionException | TimeoutException e) {
                return false;
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
              }
            });
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for " + topic, e);
      }
      topicReady = true;
    }
    return TopicWriter.write(stack.kafka(), topic, PARTITIONS, values);
  }

  /** Options pointing the job at this fixture's topic and keyspace on the shared stack. */
  PipelineOptions.Builder options() {
    return PipelineOptions.builder()
        .bootstrapServers(stack.kafka().bootstrapServers())
        .topic(topic)
        .cassandraHosts(List.of(StackConfig.HOST))
        .cassandraPort(stack.cassandra().port())
        .keyspace(keyspace)
        .checkpointDir(workDir.resolve("checkpoints").toString())
        .parallelism(2);
  }

  CassandraSchema schema() {
    return options().build().cassandraSchema();
  }

  /** Every record produced is in Cassandra exactly once, as common-model says, from Flink. */
  void assertExactly(List<ProducedRecord> produced) {
    try (CqlSession session = stack.cassandra().session()) {
      PipelineAssertions.assertExactly(
          ExpectedRows.of(produced, UserTransform.withDefaults()),
          StoredRows.read(session, schema()),
          UserStreamJob.ENGINE);
    }
  }

  /** Polls {@code condition} until it holds; fails with {@code what} at the deadline. */
  static void await(String what, Duration timeout, BooleanSupplier condition)
      throws InterruptedException {
    Instant deadline = Instant.now().plus(timeout);
    while (!condition.getAsBoolean()) {
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError(
            "timed out after " + timeout.toSeconds() + " s waiting for " + what);
      }
      Thread.sleep(250);
    }
  }
}
