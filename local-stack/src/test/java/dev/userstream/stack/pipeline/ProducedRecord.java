package dev.userstream.stack.pipeline;

import dev.userstream.model.Lineage;
import java.time.Instant;
import org.apache.kafka.clients.producer.RecordMetadata;

/** A record as the broker acknowledged it: where it landed and what it carried. */
public record ProducedRecord(
    String topic, int partition, long offset, Instant timestamp, byte[] value) {

  /** The record {@code value} as the broker's acknowledgement placed it. */
  static ProducedRecord acknowledged(String topic, RecordMetadata meta, byte[] value) {
    return new ProducedRecord(
        topic, meta.partition(), meta.offset(), Instant.ofEpochMilli(meta.timestamp()), value);
  }

  public Lineage lineage() {
    return new Lineage(topic, partition, offset, timestamp);
  }

  public RecordPosition position() {
    return new RecordPosition(topic, partition, offset);
  }
}
