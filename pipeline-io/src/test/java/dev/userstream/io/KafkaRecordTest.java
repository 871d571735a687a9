package dev.userstream.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** A record as a job reads it: from a consumer's record, compared by content. */
class KafkaRecordTest {
  @Test
  void aConsumerRecordKeepsItsPositionTimeAndBytes() {
    ConsumerRecord<byte[], byte[]> consumed =
        new ConsumerRecord<>("t", 1, 42L, null, new byte[] {1, 2, 3});
    assertEquals(
        new KafkaRecord("t", 1, 42L, consumed.timestamp(), new byte[] {1, 2, 3}),
        KafkaRecord.of(consumed));
    assertNotEquals(
        new KafkaRecord("t", 1, 42L, consumed.timestamp(), new byte[] {1, 2, 4}),
        KafkaRecord.of(consumed));
  }
}
