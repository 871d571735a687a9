package dev.userstream.flink;

import dev.userstream.model.OptionSpec;
import dev.userstream.model.OptionsException;
import dev.userstream.model.PipelineOptions;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The shared {@link PipelineOptions} plus the Flink job's own tuning options, parsed once from one
 * command line.
 *
 * @param pipeline every option both engines share (same names, same defaults)
 * @param checkpointInterval how often a continuous run checkpoints (Kafka offsets + flushed writes)
 * @param bufferTimeout how long a network buffer may wait to fill before it is sent
 * @param cassandraMaxConcurrentRequests in-flight writes per sink subtask before it blocks
 * @param resumeFrom {@code latest}, {@code none} or a checkpoint/savepoint path (continuous only)
 */
public record FlinkJobOptions(
    PipelineOptions pipeline,
    Duration checkpointInterval,
    Duration bufferTimeout,
    int cassandraMaxConcurrentRequests,
    String resumeFrom)
    implements java.io.Serializable {

  public static final String CHECKPOINT_INTERVAL = "checkpoint-interval";
  public static final String BUFFER_TIMEOUT = "buffer-timeout";
  public static final String CASSANDRA_MAX_CONCURRENT_REQUESTS =
      "cassandra-max-concurrent-requests";
  public static final String RESUME_FROM = "resume-from";

  // Each checkpoint makes the Cassandra sinks wait for every write in flight, a pause the records
  // behind it see as latency. At 5,600 events/s on the bench machine, p99 latency was 227 ms with
  // 10s and 120 ms with 60s (docs/benchmarks). The price: a restart replays up to a minute of
  // records (idempotent writes), and the consumer group's committed offsets trail by as much.
  public static final Duration DEFAULT_CHECKPOINT_INTERVAL = Duration.ofSeconds(60);
  // Flink's own default: low latency without a flush per record.
  public static final Duration DEFAULT_BUFFER_TIMEOUT = Duration.ofMillis(100);
  // Per sink subtask. A 200k-record backlog on the local stack (FlinkBacklogBenchmark, parallelism
  // 2) ran at about 5.8k rows/s with 64 and 4.6k with 256: more in flight only queues inside
  // Cassandra, and a small cap keeps a backlog from flooding a slow cluster.
  public static final int DEFAULT_CASSANDRA_MAX_CONCURRENT_REQUESTS = 64;
  public static final String RESUME_LATEST = "latest";
  public static final String RESUME_NONE = "none";

  /** The Flink-only options, for {@code --help}. */
  public static final List<OptionSpec> SPECS =
      List.of(
          new OptionSpec(
              CHECKPOINT_INTERVAL,
              format(DEFAULT_CHECKPOINT_INTERVAL),
              "continuous mode: checkpoint interval, e.g. 500ms, 10s, 1m"),
          new OptionSpec(
              BUFFER_TIMEOUT,
              format(DEFAULT_BUFFER_TIMEOUT),
              "longest wait before a partly filled network buffer is sent (0ms = every record)"),
          new OptionSpec(
              CASSANDRA_MAX_CONCURRENT_REQUESTS,
              String.valueOf(DEFAULT_CASSANDRA_MAX_CONCURRENT_REQUESTS),
              "asynchronous Cassandra writes in flight per sink subtask"),
          new OptionSpec(
              RESUME_FROM,
              RESUME_LATEST,
              "continuous mode: latest (newest retained checkpoint of this topic and keyspace"
                  + " under --checkpoint-dir, if any) | none | a checkpoint or savepoint path"));

  private static final Set<String> NAMES =
      SPECS.stream().map(OptionSpec::name).collect(Collectors.toUnmodifiableSet());
  private static final Pattern DURATION = Pattern.compile("(\\d{1,9})\\s*(ms|s|m|h)?");

  /** Validates ranges, so every instance is usable. */
  public FlinkJobOptions {
    Objects.requireNonNull(pipeline, "pipeline");
    if (checkpointInterval.compareTo(Duration.ofMillis(10)) < 0) {
      throw new OptionsException(
          "--" + CHECKPOINT_INTERVAL + " must be at least 10ms, got " + format(checkpointInterval));
    }
    if (bufferTimeout.isNegative()) {
      throw new OptionsException("--" + BUFFER_TIMEOUT + " must not be negative");
    }
    if (cassandraMaxConcurrentRequests < 1 || cassandraMaxConcurrentRequests > 32_768) {
      throw new OptionsException(
          "--"
              + CASSANDRA_MAX_CONCURRENT_REQUESTS
              + " must be an integer 1..32768, got "
              + cassandraMaxConcurrentRequests);
    }
    if (resumeFrom == null || resumeFrom.isBlank()) {
      throw new OptionsException(
          "--" + RESUME_FROM + " must be latest, none or a path, got nothing");
    }
  }

  /** Defaults for everything Flink-specific around the given pipeline options. */
  public static FlinkJobOptions of(PipelineOptions pipeline) {
    return new FlinkJobOptions(
        pipeline,
        DEFAULT_CHECKPOINT_INTERVAL,
        DEFAULT_BUFFER_TIMEOUT,
        DEFAULT_CASSANDRA_MAX_CONCURRENT_REQUESTS,
        RESUME_LATEST);
  }

  /**
   * Parses a whole command line: the shared options and the Flink ones.
   *
   * @throws OptionsException with a one-line message for an unknown, missing or bad option
   */
  public static FlinkJobOptions parse(String... args) {
    Map<String, String> extras = new HashMap<>();
    PipelineOptions pipeline = PipelineOptions.parse(args, NAMES, extras);
    return new FlinkJobOptions(
        pipeline,
        duration(CHECKPOINT_INTERVAL, extras, DEFAULT_CHECKPOINT_INTERVAL),
        duration(BUFFER_TIMEOUT, extras, DEFAULT_BUFFER_TIMEOUT),
        integer(
            CASSANDRA_MAX_CONCURRENT_REQUESTS, extras, DEFAULT_CASSANDRA_MAX_CONCURRENT_REQUESTS),
        extras.getOrDefault(RESUME_FROM, RESUME_LATEST).strip());
  }

  /** A copy with other pipeline options (tests and benchmarks derive variants this way). */
  public FlinkJobOptions withPipeline(PipelineOptions other) {
    return new FlinkJobOptions(
        other, checkpointInterval, bufferTimeout, cassandraMaxConcurrentRequests, resumeFrom);
  }

  /** Every option as {@code --name=value}; the password stays out, as in PipelineOptions. */
  public List<String> toArgs() {
    List<String> args = new java.util.ArrayList<>(pipeline.toArgs());
    args.add("--" + CHECKPOINT_INTERVAL + "=" + format(checkpointInterval));
    args.add("--" + BUFFER_TIMEOUT + "=" + format(bufferTimeout));
    args.add("--" + CASSANDRA_MAX_CONCURRENT_REQUESTS + "=" + cassandraMaxConcurrentRequests);
    args.add("--" + RESUME_FROM + "=" + resumeFrom);
    return args;
  }

  /** The shared options' usage followed by the Flink ones, for {@code --help}. */
  public static String usage() {
    int width = SPECS.stream().mapToInt(s -> s.flag().length()).max().orElse(0) + 2;
    StringBuilder text = new StringBuilder(PipelineOptions.usage());
    text.append("Flink options:\n");
    for (OptionSpec spec : SPECS) {
      text.append("  ").append(spec.flag()).append(" ".repeat(width - spec.flag().length()));
      text.append(spec.description()).append(" (default: ").append(spec.defaultValue());
      text.append(")\n");
    }
    return text.toString();
  }

  /** {@code 10s}, {@code 100ms}: how durations are typed on the command line. */
  static String format(Duration d) {
    long millis = d.toMillis();
    return millis % 1000 == 0 ? millis / 1000 + "s" : millis + "ms";
  }

  private static Duration duration(String name, Map<String, String> extras, Duration fallback) {
    String text = extras.get(name);
    if (text == null) {
      return fallback;
    }
    Matcher m = DURATION.matcher(text.strip().toLowerCase(Locale.ROOT));
    if (!m.matches()) {
      throw new OptionsException(
          "--" + name + " must be a duration like 500ms, 10s, 2m or 1h, got '" + text + "'");
    }
    long amount = Long.parseLong(m.group(1));
    String unit = m.group(2) == null ? "s" : m.group(2);
    return switch (unit) {
      case "ms" -> Duration.ofMillis(amount);
      case "m" -> Duration.ofMinutes(amount);
      case "h" -> Duration.ofHours(amount);
      default -> Duration.ofSeconds(amount);
    };
  }

  private static int integer(String name, Map<String, String> extras, int fallback) {
    String text = extras.get(name);
    if (text == null) {
      return fallback;
    }
    try {
      return Integer.parseInt(text.strip());
    } catch (NumberFormatException e) {
      throw new OptionsException("--" + name + " must be an integer, got '" + text + "'");
    }
  }
}
