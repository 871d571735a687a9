package dev.userstream.producer;

import java.util.Properties;
import org.apache.kafka.clients.producer.ProducerConfig;

/** The Kafka producer configuration of a run: safe delivery first, then throughput. */
final class ProducerSettings {
  /** Batches fill in a few milliseconds at full speed and cost little latency at low rates. */
  static final int LINGER_MS = 10;

  /** 128 KiB: about a hundred ~1 KiB user records per batch and partition. */
  static final int BATCH_BYTES = 128 * 1024;

  /** lz4: the cheapest codec in CPU that still shrinks repetitive JSON several times. */
  static final String COMPRESSION = "lz4";

  private ProducerSettings() {}

  static Properties of(ProduceRequest request) {
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, request.bootstrapServers());
    props.put(ProducerConfig.CLIENT_ID_CONFIG, "userstream-producer");
    // Idempotence with acks=all: a retried batch is written once, and a record counts as
    // produced only when every in-sync replica has it.
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.LINGER_MS_CONFIG, LINGER_MS);
    props.put(ProducerConfig.BATCH_SIZE_CONFIG, BATCH_BYTES);
    props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, COMPRESSION);
    props.put(ProducerConfig.BUFFER_MEMORY_CONFIG, 64L * 1024 * 1024);
    // send() blocks on metadata and on a full buffer for at most this long, never forever.
    props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, request.timeout().toMillis());
    // Last, so a user's setting (security, or a deliberate override) wins.
    props.putAll(request.kafkaProperties());
    return props;
  }
}
