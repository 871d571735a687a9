package dev.userstream.io;

import java.util.Arrays;
import java.util.Objects;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * A Kafka record as a job reads it: the value bytes untouched and where it came from; what {@link
 * dev.userstream.io.cassandra.KafkaRecordBinder#bind(KafkaRecord, java.time.Instant)} turns into a
 * row. Engine-free: the Flink job's source emits it (Flink 1.19+ serialises a Java record of these
 * field types with its POJO serializer, a null value included, never with Kryo).
 *
 * @param topic the topic it was read from
 * @param partition its partition
 * @param offset its offset in the partition
 * @param timestamp the Kafka record timestamp, epoch milliseconds
 * @param value the value bytes, null for a tombstone
 */
public record KafkaRecord(String topic, int partition, long offset, long timestamp, byte[] value) {

  /** The record a Kafka consumer returned, its value bytes untouched. */
  public static KafkaRecord of(ConsumerRecord<byte[], byte[]> record) {
    return new KafkaRecord(
        record.topic(), record.partition(), record.offset(), record.timestamp(), record.value());
  }

  /** Content equality, the array included (a record's default compares array identity). */
  @Override
  public boolean equals(Object o) {
    return o instanceof KafkaRecord r
        && partition == r.partition
        && offset == r.offset
        && timestamp == r.timestamp
        && Objects.equals(topic, r.topic)
        && Arrays.equals(value, r.value);
  }

  @Override
  public int hashCode() {
    return Objects.hash(topic, partition, offset, timestamp, Arrays.hashCode(value));
  }
}
