package dev.userstream.spark;

import dev.userstream.io.OptionKey;
import dev.userstream.io.OptionSet;
import dev.userstream.io.PipelineOptions;
import java.io.Serializable;
import java.time.Duration;

/**
 * The Spark job's options: the shared {@link PipelineOptions} plus the Spark-only knobs, declared
 * here and parsed with the shared ones from one command line.
 *
 * @param pipeline every option's value, the Spark ones included
 */
public record SparkJobOptions(PipelineOptions pipeline) implements Serializable {

  // 0 = the next micro-batch starts as soon as the previous one ends (Spark's own default without a
  // trigger). At 4,600 events/s on the bench machine, p99 latency was 949 ms with 0, 1,375 ms with
  // 200ms and 1,833 ms with 1s (docs/benchmarks); an idle query then polls Kafka every 10 ms.
  public static final OptionKey<Duration> TRIGGER_INTERVAL =
      OptionKey.duration(
          "trigger-interval",
          Duration.ZERO,
          Duration.ZERO,
          "micro-batch interval of --mode continuous; 0 = start each batch as soon as the"
              + " previous one ends");
  public static final OptionKey<Long> MAX_OFFSETS_PER_TRIGGER =
      OptionKey.longInteger(
          "max-offsets-per-trigger",
          100_000,
          0,
          Long.MAX_VALUE,
          "most Kafka records per micro-batch, 0 = no limit");
  // Every row has its own partition key: a batch only makes the coordinator fan it out again.
  public static final OptionKey<Integer> CASSANDRA_BATCH_SIZE =
      OptionKey.integer(
          "cassandra-batch-size", 1, 1, 1000, "inserts per unlogged batch, 1 = each alone");

  // A Cassandra node's restart takes 35-50 s in the fault suite; Flink's restart strategy rides out
  // about 100 s. Three minutes covers a rolling restart of a node without an operator.
  public static final OptionKey<Duration> BATCH_RETRY_TIMEOUT =
      OptionKey.duration(
          "batch-retry-timeout",
          Duration.ofMinutes(3),
          Duration.ZERO,
          "a micro-batch whose Cassandra writes fail because Cassandra is unreachable is written"
              + " again (pauses of 1 s doubling to 30 s) until this long after its first failure,"
              + " then the job fails; 0 = fail at once");

  /** The Spark-only options. */
  public static final OptionSet OPTIONS =
      OptionSet.of(
          "Spark options",
          TRIGGER_INTERVAL,
          MAX_OFFSETS_PER_TRIGGER,
          CASSANDRA_BATCH_SIZE,
          BATCH_RETRY_TIMEOUT);

  /** The shared options with every Spark knob at its default. */
  public static SparkJobOptions defaults(PipelineOptions pipeline) {
    return new SparkJobOptions(pipeline);
  }

  /**
   * Parses a command line of shared and Spark options.
   *
   * @throws dev.userstream.io.OptionsException one line naming the first bad option
   */
  public static SparkJobOptions parse(String... args) {
    return new SparkJobOptions(PipelineOptions.parse(OPTIONS, args));
  }

  /** A copy with one option changed. */
  public <T> SparkJobOptions with(OptionKey<T> key, T value) {
    return new SparkJobOptions(pipeline.toBuilder().set(key, value).build());
  }
}
