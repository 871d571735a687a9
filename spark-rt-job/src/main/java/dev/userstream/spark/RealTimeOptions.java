package dev.userstream.spark;

import dev.userstream.io.OptionKey;
import dev.userstream.io.OptionSet;
import dev.userstream.io.OptionsException;
import dev.userstream.io.PipelineOptions;
import java.time.Duration;

/**
 * The Spark Real-Time Mode job's own options, parsed with the shared ones from one command line.
 * spark-job's {@code --trigger-interval} has no meaning here; {@code --max-offsets-per-trigger}
 * applies to {@code available-now} only.
 */
final class RealTimeOptions {
  // Real-Time Mode's batch duration is how often progress is committed: at each boundary the
  // long-running tasks end, the offsets are written and new tasks start; between boundaries records
  // are written as they arrive. The same name and default as Flink's checkpoint interval, the same
  // trade (a restart replays up to one interval; each boundary is a short pause). Spark refuses
  // less than spark.sql.streaming.realTimeMode.minBatchDuration, 5 s unless configured.
  static final OptionKey<Duration> CHECKPOINT_INTERVAL =
      OptionKey.duration(
          "checkpoint-interval",
          Duration.ofSeconds(60),
          Duration.ofSeconds(5),
          "continuous mode (Real-Time Mode): how often progress is checkpointed; records are"
              + " written as they arrive");

  /** The Spark Real-Time Mode job's options. */
  static final OptionSet OPTIONS =
      OptionSet.of(
          "Spark Real-Time Mode options",
          CHECKPOINT_INTERVAL,
          SparkJobOptions.MAX_OFFSETS_PER_TRIGGER,
          SparkJobOptions.CASSANDRA_BATCH_SIZE,
          SparkJobOptions.BATCH_RETRY_TIMEOUT);

  private RealTimeOptions() {}

  /**
   * Refuses options that Real-Time Mode cannot honour, before anything starts.
   *
   * @throws OptionsException one line naming the option
   */
  static void check(PipelineOptions p) {
    if (p.mode() == PipelineOptions.Mode.CONTINUOUS
        && p.values().isGiven(SparkJobOptions.MAX_OFFSETS_PER_TRIGGER)) {
      throw new OptionsException(
          "--max-offsets-per-trigger does not apply to --mode continuous: Real-Time Mode reads"
              + " each Kafka partition as records arrive, with no per-batch limit (it applies to"
              + " --mode available-now)");
    }
  }
}
