package dev.userstream.cli;

import dev.userstream.io.PipelineOptions;
import dev.userstream.io.metrics.ConsumerLag;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
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
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * How many records a topic holds now: the sum over its partitions of end minus start offset. What
 * {@code verify --expect-topic} compares with, for topics fed by many runs (hourly DAG runs); per
 * partition, and with a consumer group's committed offsets, for {@code status}.
 */
final class TopicRecordCount {
  private static final int TIMEOUT_SECONDS = 20;

  /** One partition's first and next offset. */
  record PartitionOffsets(int partition, long start, long end) {}

  private TopicRecordCount() {}

  static long of(PipelineOptions options) {
    return partitions(options).stream().mapToLong(p -> p.end() - p.start()).sum();
  }

  /** Every partition of the topic with its start and end offset, by partition number. */
  static List<PartitionOffsets> partitions(PipelineOptions options) {
    return withAdmin(
        options,
        admin -> {
          TopicDescription topic =
              get(admin.describeTopics(List.of(options.topic())).allTopicNames())
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
          var ends = get(admin.listOffsets(latest).all());
          var starts = get(admin.listOffsets(earliest).all());
          List<PartitionOffsets> partitions = new ArrayList<>();
          for (TopicPartition tp : latest.keySet()) {
            partitions.add(
                new PartitionOffsets(
                    tp.partition(), starts.get(tp).offset(), ends.get(tp).offset()));
          }
          partitions.sort((a, b) -> Integer.compare(a.partition(), b.partition()));
          return partitions;
        });
  }

  /** The offsets consumer group {@code group} has committed for the topic, by partition. */
  static Map<Integer, Long> groupOffsets(PipelineOptions options, String group) {
    // The same reading as the jobs' lag metric (pipeline-io's ConsumerLag), with this timeout.
    ConsumerLag.Positions positions =
        ConsumerLag.group(options.topic(), group, Duration.ofSeconds(TIMEOUT_SECONDS));
    return withAdmin(
        options,
        admin -> {
          try {
            return positions.committed(admin);
          } catch (ExecutionException | InterruptedException | TimeoutException e) {
            throw e;
          } catch (Exception e) {
            throw new ExecutionException(e);
          }
        });
  }

  private interface AdminCall<T> {
    T call(Admin admin) throws ExecutionException, InterruptedException, TimeoutException;
  }

  private static <T> T get(KafkaFuture<T> future)
      throws ExecutionException, InterruptedException, TimeoutException {
    return future.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
  }

  private static <T> T withAdmin(PipelineOptions options, AdminCall<T> call) {
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
      return call.call(admin);
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
