package dev.userstream.flink;

import java.util.Arrays;
import java.util.Objects;

/**
 * A Kafka record as the job sees it: the value bytes untouched and where it came from.
 *
 * <p>A record of a topic, two ints/longs and a byte array: Flink (1.19+) serialises Java records
 * with its POJO serializer, null fields included (a tombstone's value is null), never with Kryo.
 *
 * @param topic the topic it was read from
 * @param partition its partition
 * @param offset its offset in the partition
 * @param timestamp the Kafka record timestamp, epoch milliseconds
 * @param value the value bytes, null for a tombstone
 */
public record KafkaRecord(String topic, int partition, long offset, long timestamp, byte[] value) {

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
