package dev.userstream.stack.pipeline;

import dev.userstream.stack.KafkaEnvironment;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** Writes test values to a topic with a plain Kafka producer and returns where each landed. */
public final class TopicWriter {
  private TopicWriter() {}

  /** Creates the topic if needed, writes every value (acks=all) and returns them in send order. */
  public static List<ProducedRecord> write(
      KafkaEnvironment kafka, String topic, int partitions, List<byte[]> values) {
    kafka.createTopic(topic, partitions);
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
    props.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 1_100_000);
    try (KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer())) {
      List<Future<RecordMetadata>> sent = new ArrayList<>(values.size());
      for (byte[] value : values) {
        sent.add(producer.send(new ProducerRecord<>(topic, value)));
      }
      producer.flush();
      List<ProducedRecord> records = new ArrayList<>(values.size());
      for (int i = 0; i < values.size(); i++) {
        RecordMetadata meta = sent.get(i).get();
        records.add(
            new ProducedRecord(
                topic,
                meta.partition(),
                meta.offset(),
                Instant.ofEpochMilli(meta.timestamp()),
                values.get(i)));
      }
      return records;
    } catch (ExecutionException e) {
      throw new IllegalStateException("a test record was not acknowledged: " + e.getCause(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
