package dev.userstream.stack.pipeline;

/** A Kafka position: the primary key of a row in rejected_users. */
public record RecordPosition(String topic, int partition, long offset) {}
