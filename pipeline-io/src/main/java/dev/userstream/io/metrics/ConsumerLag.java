package dev.userstream.io.metrics;

import dev.userstream.io.CheckpointPaths;
import dev.userstream.io.KafkaPreflight;
import dev.userstream.io.PipelineOptions;
import dev.userstream.io.SparkCheckpointOffsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Consumer lag of a job, per partition: the topic's end offset minus the job's committed position
 * (its consumer group's offsets for Flink, its checkpoint's last committed batch for Spark), or
 * minus the partition's start while the job has committed nothing. Asked at each scrape, over one
 * admin client kept open; {@link #close()} closes it.
 */
public final class ConsumerLag implements AutoCloseable {
  private static final Duration TIMEOUT = Duration.ofSeconds(3);

  /** Where a job has got to: the next offset per partition of the topic (none yet: empty). */
  @FunctionalInterface
  public interface Positions {
    Map<Integer, Long> committed(Admin admin) throws Exception;
  }

  /** One reading: records behind per partition of {@code topic}. */
  public record Snapshot(String topic, Map<Integer, Long> partitions) {}

  private final PipelineOptions options;
  private final Positions positions;
  private Admin admin;

  public ConsumerLag(PipelineOptions options, Positions positions) {
    this.options = options;
    this.positions = positions;
  }

  /** A Flink job's positions: what consumer group {@code group} committed at its checkpoints. */
  public static Positions group(String topic, String group) {
    return group(topic, group, TIMEOUT);
  }

  /** {@link #group(String, String)}, waiting at most {@code timeout} for Kafka's answer. */
  public static Positions group(String topic, String group, Duration timeout) {
    return admin -> {
      Map<TopicPartition, OffsetAndMetadata> offsets =
          admin
              .listConsumerGroupOffsets(group)
              .partitionsToOffsetAndMetadata()
              .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      Map<Integer, Long> committed = new TreeMap<>();
      offsets.forEach(
          (tp, offset) -> {
            if (tp.topic().equals(topic) && offset != null) {
              committed.put(tp.partition(), offset.offset());
            }
          });
      return committed;
    };
  }

  /**
   * A Spark job's positions: its checkpoint's last committed micro-batch or epoch ({@link
   * SparkCheckpointOffsets}); none for a checkpoint that is not a local folder.
   */
  public static Positions sparkCheckpoint(PipelineOptions p, String engine) {
    var uri = CheckpointPaths.uri(p, engine);
    return admin ->
        "file".equals(uri.getScheme())
            ? SparkCheckpointOffsets.committed(Path.of(uri)).getOrDefault(p.topic(), Map.of())
            : Map.of();
  }

  /**
   * The lag now.
   *
   * @throws Exception when Kafka does not answer within a few seconds
   */
  public synchronized Snapshot read() throws Exception {
    if (admin == null) {
      admin =
          Admin.create(
              KafkaPreflight.adminProperties(
                  options.bootstrapServers(), options.kafkaProperties(), TIMEOUT));
    }
    String topic = options.topic();
    List<TopicPartition> partitions =
        admin
            .describeTopics(List.of(topic))
            .allTopicNames()
            .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
            .get(topic)
            .partitions()
            .stream()
            .map(info -> new TopicPartition(topic, info.partition()))
            .toList();
    Map<TopicPartition, ListOffsetsResultInfo> ends = offsets(partitions, OffsetSpec.latest());
    Map<TopicPartition, ListOffsetsResultInfo> starts = offsets(partitions, OffsetSpec.earliest());
    Map<Integer, Long> committed = positions.committed(admin);
    Map<Integer, Long> lag = new TreeMap<>();
    for (TopicPartition tp : partitions) {
      long start = starts.get(tp).offset();
      long position = Math.max(start, committed.getOrDefault(tp.partition(), start));
      lag.put(tp.partition(), Math.max(0, ends.get(tp).offset() - position));
    }
    return new Snapshot(topic, lag);
  }

  private Map<TopicPartition, ListOffsetsResultInfo> offsets(
      List<TopicPartition> partitions, OffsetSpec spec) throws Exception {
    Map<TopicPartition, OffsetSpec> request = new TreeMap<>(ConsumerLag::compare);
    partitions.forEach(tp -> request.put(tp, spec));
    return admin.listOffsets(request).all().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
  }

  private static int compare(TopicPartition a, TopicPartition b) {
    return Integer.compare(a.partition(), b.partition());
  }

  @Override
  public synchronized void close() {
    if (admin != null) {
      admin.close(TIMEOUT);
      admin = null;
    }
  }
}
