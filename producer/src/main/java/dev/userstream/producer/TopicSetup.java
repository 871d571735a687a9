package dev.userstream.producer;

import dev.userstream.io.KafkaPreflight;
import dev.userstream.io.PreflightException;
import java.util.Optional;

/**
 * The producer's start-up check: pipeline-io's {@link KafkaPreflight} within the request's timeout,
 * so an unreachable broker is one clear line after a bounded wait instead of a producer blocking on
 * metadata.
 */
final class TopicSetup {
  private TopicSetup() {}

  /** The topic's partition count; creates it with the request's count when it does not exist. */
  static int ensureTopic(ProduceRequest request) {
    try {
      return KafkaPreflight.ensureTopic(
              request.bootstrapServers(),
              request.kafkaProperties(),
              request.topic(),
              Optional.of(request.partitions()),
              request.timeout())
          .partitions();
    } catch (PreflightException e) {
      throw new ProduceException(e.getMessage(), null, e);
    }
  }
}
