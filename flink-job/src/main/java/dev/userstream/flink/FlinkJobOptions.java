package dev.userstream.flink;

import dev.userstream.io.OptionKey;
import dev.userstream.io.OptionRules;
import dev.userstream.io.OptionSet;
import dev.userstream.io.PipelineOptions;
import java.time.Duration;

/**
 * The Flink-only options, declared here and parsed with the shared {@link PipelineOptions} from one
 * command line: {@code options.get(FlinkJobOptions.CHECKPOINT_INTERVAL)}.
 */
public final class FlinkJobOptions {
  public static final String RESUME_LATEST = "latest";
  public static final String RESUME_NONE = "none";

  // Each checkpoint makes the Cassandra sinks wait for every write in flight, a pause the records
  // behind it see as latency. At 5,600 events/s on the bench machine, p99 latency was 227 ms with
  // 10s and 120 ms with 60s (docs/benchmarks). The price: a restart replays up to a minute of
  // records (idempotent writes), and the consumer group's committed offsets trail by as much.
  public static final OptionKey<Duration> CHECKPOINT_INTERVAL =
      OptionKey.duration(
          "checkpoint-interval",
          Duration.ofSeconds(60),
          Duration.ofMillis(10),
          "continuous mode: checkpoint interval");
  // Flink's own default: low latency without a flush per record.
  public static final OptionKey<Duration> BUFFER_TIMEOUT =
      OptionKey.duration(
          "buffer-timeout",
          Duration.ofMillis(100),
          Duration.ZERO,
          "longest wait before a partly filled network buffer is sent (0ms = every record)");
  public static final OptionKey<String> RESUME_FROM =
      OptionKey.text(
              "resume-from",
              RESUME_LATEST,
              "continuous mode: latest (newest retained checkpoint of this topic and keyspace"
                  + " under --checkpoint-dir, if any) | none | a checkpoint or savepoint path")
          .withValidator(v -> OptionRules.nonBlank("resume-from", v));

  /** The Flink-only options. */
  public static final OptionSet OPTIONS =
      OptionSet.of("Flink options", CHECKPOINT_INTERVAL, BUFFER_TIMEOUT, RESUME_FROM);

  private FlinkJobOptions() {}
}
