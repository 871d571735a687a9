package dev.userstream.model;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

/**
 * Where a record came from in Kafka; the jobs add it to every row they write.
 *
 * <p>(topic, partition, offset) identifies a record across replays, which is what makes the {@code
 * rejected_users} upsert idempotent.
 *
 * @param topic the Kafka topic
 * @param partition the Kafka partition
 * @param offset the record's offset in its partition
 * @param eventTime the Kafka record timestamp ({@code event_time}; also the "now" for age)
 */
public record Lineage(String topic, int partition, long offset, Instant eventTime)
    implements Serializable {

  /** Topic and event time are written to non-null key or timestamp columns. */
  public Lineage {
    Objects.requireNonNull(topic, "topic");
    Objects.requireNonNull(eventTime, "eventTime");
  }
}
