package dev.userstream.producer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.userstream.model.CreatedUser;
import dev.userstream.model.Rejection;
import dev.userstream.model.TransformResult;
import dev.userstream.model.UserTransform;
import dev.userstream.stack.LocalStack;
import dev.userstream.stack.SharedTestStack;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The producer against the real local broker: exact counts, read back and judged by the model. */
class UserProducerIT {
  private static LocalStack stack;

  @BeforeAll
  static void stack() {
    stack = SharedTestStack.get();
  }

  private static ProduceRequest.Builder request(String topic) {
    return ProduceRequest.builder().bootstrapServers(stack.kafka().bootstrapServers()).topic(topic);
  }

  @Test
  void twentyThousandRawWithFivePercentBadArriveExactly() throws Exception {
    String topic = SharedTestStack.uniqueName("produce");
    ProduceSummary summary =
        new UserProducer(request(topic).events(20_000).badRatio(0.05).seed(2024).build())
            .produce(new GeneratorSource(2024), ProgressListener.NONE);

    assertEquals(20_000, summary.produced());
    assertEquals(0, summary.notAcknowledged());
    assertEquals(2, summary.partitions());
    assertTrue(summary.bad() > 800 && summary.bad() < 1200, summary.line());
    assertEquals(
        summary.bad(), summary.badByKind().values().stream().mapToLong(Long::longValue).sum());
    assertEquals(20_000, endOffsetSum(topic));
    assertReadBackMatches(topic, summary);
  }

  @Test
  void flatRecordsArriveExactlyToo() throws Exception {
    String topic = SharedTestStack.uniqueName("produce");
    ProduceSummary summary =
        new UserProducer(
                request(topic)
                    .events(5_000)
                    .badRatio(0.1)
                    .seed(7)
                    .format(RecordFormat.FLAT)
                    .build())
            .produce(new GeneratorSource(7), ProgressListener.NONE);
    assertEquals(5_000, summary.produced());
    assertEquals(5_000, endOffsetSum(topic));
    assertReadBackMatches(topic, summary);
  }

  @Test
  void anExistingTopicKeepsItsPartitions() {
    String topic = SharedTestStack.uniqueName("produce");
    stack.kafka().createTopic(topic, 3);
    ProduceSummary summary =
        new UserProducer(request(topic).events(100).partitions(5).build())
            .produce(new GeneratorSource(1), ProgressListener.NONE);
    assertEquals(3, summary.partitions());
    assertEquals(100, summary.produced());
  }

  @Test
  void aTimeLimitAndARateBoundTheRun() throws Exception {
    String topic = SharedTestStack.uniqueName("produce");
    List<ProgressListener.Progress> seen = new ArrayList<>();
    ProduceSummary summary =
        new UserProducer(request(topic).events(0).duration(Duration.ofSeconds(1)).rate(50).build())
            .produce(new GeneratorSource(1), seen::add);
    // At most rate x duration (+1 for the record due at time 0): the pacer never runs ahead.
    assertTrue(summary.produced() > 0 && summary.produced() <= 51, summary.line());
    assertEquals(summary.produced(), endOffsetSum(topic));
    assertFalse(seen.isEmpty());
  }

  @Test
  void aRecordTheBrokerRefusesFailsTheRunWithCounts() {
    String topic = SharedTestStack.uniqueName("produce");
    // Every record is larger than this limit, so the client refuses each one: a real failure.
    ProduceRequest tooSmall =
        request(topic).events(50).kafkaProperties(Map.of("max.request.size", "300")).build();
    ProduceException e =
        assertThrows(
            ProduceException.class,
            () ->
                new UserProducer(tooSmall).produce(new GeneratorSource(1), ProgressListener.NONE));
    assertTrue(
        e.getMessage().matches("\\d+ of \\d+ records were not acknowledged by Kafka at .*"),
        e.getMessage());
    ProduceSummary partial = e.summary().orElseThrow();
    assertEquals(0, partial.produced());
    assertTrue(partial.notAcknowledged() >= 1);
  }

  @Test
  void aSourceFailureStopsTheRunAndSaysWhatWasProduced() throws Exception {
    String topic = SharedTestStack.uniqueName("produce");
    try (RecordedApi api = new RecordedApi()) {
      ApiSettings settings =
          ApiSettings.defaults()
              .withUrl(api.url())
              .withBatchSize(100)
              .withMaxAttempts(1)
              .withRequestTimeout(Duration.ofSeconds(10));
      api.then(new RecordedApi.Reply(200, RecordedApi.page(100), 0, Map.of()))
          .then(RecordedApi.Reply.of(503, "{\"error\": \"down for maintenance\"}"));
      ProduceException e =
          assertThrows(
              ProduceException.class,
              () ->
                  new UserProducer(request(topic).events(300).build())
                      .produce(
                          new ApiSource(new RandomUserApiClient(settings), 300, 1),
                          ProgressListener.NONE));
      assertTrue(e.getMessage().endsWith("(after 100 records were produced to " + topic + ")"));
      assertEquals(100, e.summary().orElseThrow().produced());
      assertEquals(100, endOffsetSum(topic));
    }
  }

  /** Sum of the latest offsets over the topic's partitions: what the broker holds. */
  private static long endOffsetSum(String topic) throws Exception {
    try (Admin admin = Admin.create(stack.kafka().clientProperties())) {
      int partitions =
          admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().size();
      Map<TopicPartition, OffsetSpec> latest =
          java.util.stream.IntStream.range(0, partitions)
              .boxed()
              .collect(
                  Collectors.toMap(p -> new TopicPartition(topic, p), p -> OffsetSpec.latest()));
      return admin.listOffsets(latest).all().get().values().stream()
          .mapToLong(info -> info.offset())
          .sum();
    }
  }

  /** Reads the whole topic back: exactly {@code bad} rejections, the rest users keyed by id. */
  private static void assertReadBackMatches(String topic, ProduceSummary summary) {
    UserTransform transform = UserTransform.withDefaults();
    long users = 0;
    long rejections = 0;
    for (ConsumerRecord<byte[], byte[]> record : readAll(topic, summary.produced())) {
      assertNotNull(record.key(), "every record has a key");
      TransformResult result =
          transform.apply(record.value(), Instant.ofEpochMilli(record.timestamp()));
      if (result instanceof CreatedUser user) {
        users++;
        assertEquals(user.id().toString(), new String(record.key(), StandardCharsets.UTF_8));
      } else {
        assertInstanceOf(Rejection.class, result);
        rejections++;
      }
    }
    assertEquals(summary.bad(), rejections);
    assertEquals(summary.produced() - summary.bad(), users);
  }

  private static List<ConsumerRecord<byte[], byte[]>> readAll(String topic, long expected) {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafka().bootstrapServers());
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(topic).stream()
              .map(p -> new TopicPartition(topic, p.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (records.size() < expected && System.nanoTime() < deadline) {
        consumer.poll(Duration.ofMillis(500)).forEach(records::add);
      }
      // Nothing beyond what was produced: a short extra poll must stay empty.
      consumer.poll(Duration.ofMillis(500)).forEach(records::add);
    }
    assertEquals(expected, records.size());
    return records;
  }
}
