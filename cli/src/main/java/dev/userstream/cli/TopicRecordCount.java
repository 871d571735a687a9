package dev.userstream.cli;

import dev.userstream.io.PipelineOptions;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * How many records a topic holds now: the sum over its partitions of end minus start offset. What
 * {@code verify --expect-topic} compares with, for topics fed by many runs (hourly DAG runs).
 */
final class TopicRecordCount {
  private static final int TIMEOUT_SECONDS = 20;

  private TopicRecordCount() {}

  static long of(PipelineOptions options) {
    Properties props = options.kafkaClientProperties();
    // default.api.timeout.ms may not be below request.timeout.ms: set both.
    props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, TIMEOUT_SECONDS * 1000);
    props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, TIMEOUT_SECONDS * 1000);
    Admin created;
    try {
      created = Admin.create(props);
    } catch (KafkaException e) {
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      throw new CommandFailure(
          "cannot connect to Kafka at " + options.bootstrapServers() + ": " + cause.getMessage());
    }
    try (Admin admin = created) {
      TopicDescription topic =
          admin
              .describeTopics(java.util.List.of(options.topic()))
              .allTopicNames()
              .get(TIMEOUT_SECONDS, TimeUnit.SECONDS)
              .get(options.topic());
      Map<TopicPartition, OffsetSpec> earliest = new HashMap<>();
      Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
      topic
          .partitions()
          .forEach(
              p -> {
                TopicPartition tp = new TopicPartition(options.topic(), p.partition());
                earliest.put(tp, OffsetSpec.earliest());
                latest.put(tp, OffsetSpec.latest());
              });
      long total = 0;
      var ends = admin.listOffsets(latest).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
      var starts = admin.listOffsets(earliest).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
      for (TopicPartition tp : latest.keySet()) {
        total += ends.get(tp).offset() - starts.get(tp).offset();
      }
      return total;
    } catch (ExecutionException e) {
      if (e.getCause() instanceof UnknownTopicOrPartitionException) {
        throw new CommandFailure("topic " + options.topic() + " does not exist");
      }
      if (e.getCause() instanceof org.apache.kafka.common.errors.TimeoutException) {
        throw unreachable(options);
      }
      throw new CommandFailure(
          "cannot read the offsets of " + options.topic() + ": " + e.getCause().getMessage());
    } catch (TimeoutException e) {
      throw unreachable(options);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CommandFailure("interrupted");
    }
  }

  private static CommandFailure unreachable(PipelineOptions options) {
    return new CommandFailure(
        "Kafka at "
            + options.bootstrapServers()
            + " is unreachable (no answer within "
            + TIMEOUT_SECONDS
            + " s)");
  }
}
