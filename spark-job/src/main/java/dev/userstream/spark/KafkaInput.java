package dev.userstream.spark;

import dev.userstream.io.KafkaPreflight;
import dev.userstream.io.PipelineOptions;
import dev.userstream.io.PreflightException;
import java.util.LinkedHashMap;
import java.util.Map;

/** Where the job reads: the Kafka source's options derived from the shared options. */
final class KafkaInput {
  private KafkaInput() {}

  /** Options of Spark's {@code kafka} source; extra client properties get its kafka. prefix. */
  static Map<String, String> sourceOptions(SparkJobOptions options) {
    PipelineOptions p = options.pipeline();
    Map<String, String> o = new LinkedHashMap<>();
    p.kafkaProperties().forEach((key, value) -> o.put("kafka." + key, value));
    o.put("kafka.bootstrap.servers", p.bootstrapServers());
    o.put("subscribe", p.topic());
    // Only read when there is no checkpoint yet; afterwards the checkpoint decides.
    o.put("startingOffsets", p.startingOffsets().cliName());
    // Records gone from the topic (retention) before they were read are lost: fail, loudly.
    o.put("failOnDataLoss", "true");
    o.put("minPartitions", String.valueOf(p.parallelism()));
    if (options.maxOffsetsPerTrigger() > 0) {
      o.put("maxOffsetsPerTrigger", String.valueOf(options.maxOffsetsPerTrigger()));
    }
    return o;
  }

  /**
   * Checks the broker and the topic (pipeline-io's {@link KafkaPreflight}).
   *
   * @throws JobFailure with one line saying what is wrong
   */
  static void ensureTopic(PipelineOptions p) {
    try {
      KafkaPreflight.ensureTopic(p);
    } catch (PreflightException e) {
      throw new JobFailure(e.getMessage(), e);
    }
  }
}
