package dev.userstream.stack.pipeline;

import dev.userstream.model.Lineage;
import java.time.Instant;

/** A record as the broker acknowledged it: where it landed and what it carried. */
public record ProducedRecord(
    String topic, int partition, long offset, Instant timestamp, byte[] value) {

  public Lineage lineage() {
    return new Lineage(topic, partition, offset, timestamp);
  }

  public RecordPosition position() {
    return new RecordPosition(topic, partition, offset);
  }
}
