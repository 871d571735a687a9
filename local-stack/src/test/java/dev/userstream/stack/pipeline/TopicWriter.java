package dev.userstream.stack.pipeline;

import dev.userstream.stack.KafkaEnvironment;
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

  /**
   * Records sent before waiting for their acknowledgements: the producer's delivery timeout counts
   * from the moment a batch is created, so queueing a whole large test set at once lets a slow
   * moment of a loaded machine expire batches that were never even sent.
   */
  private static final int CHUNK = 1_000;

  /**
   * What every test writer sends with: one idempotent producer (acks=all), so a retried batch is
   * never lost or doubled, with room for {@link TestRecords#nearBrokerMax()} (the default request
   * limit is 1 MiB including the headers) and a delivery timeout that outlasts a broker restart
   * (stop, start, leader election) on a loaded machine.
   *
   * <p>One request in flight per connection: with Kafka's default of five, a loaded machine (load
   * average 9 on two cores) once made the producer resend a partition's first batch after later
   * ones had been appended, which the broker refused as {@code OutOfOrderSequenceException} again
   * and again until the delivery timeout expired the test's records. In order, a retry is always of
   * the oldest unacknowledged batch.
   */
  static Properties producerProperties(KafkaEnvironment kafka) {
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    props.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1);
    props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
    props.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 1_100_000);
    props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 300_000);
    return props;
  }

  /** A producer of raw byte keys and values with {@code props}. */
  static KafkaProducer<byte[], byte[]> producer(Properties props) {
    return new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
  }

  /** Creates the topic if needed, writes every value (acks=all) and returns them in send order. */
  public static List<ProducedRecord> write(
      KafkaEnvironment kafka, String topic, int partitions, List<byte[]> values) {
    kafka.createTopic(topic, partitions);
    try (KafkaProducer<byte[], byte[]> producer = producer(producerProperties(kafka))) {
      List<ProducedRecord> records = new ArrayList<>(values.size());
      for (int from = 0; from < values.size(); from += CHUNK) {
        List<byte[]> chunk = values.subList(from, Math.min(values.size(), from + CHUNK));
        List<Future<RecordMetadata>> sent = new ArrayList<>(chunk.size());
        for (byte[] value : chunk) {
          sent.add(producer.send(new ProducerRecord<>(topic, value)));
        }
        producer.flush();
        for (int i = 0; i < chunk.size(); i++) {
          RecordMetadata meta = sent.get(i).get();
          records.add(ProducedRecord.acknowledged(topic, meta, chunk.get(i)));
        }
      }
      return records;
    } catch (ExecutionException e) {
      throw new IllegalStateException(
          "a test record was not acknowledged: "
              + e.getCause()
              + "; the broker's last warnings: "
              + kafka.recentWarnings(5),
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
