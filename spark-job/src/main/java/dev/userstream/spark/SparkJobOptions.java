package dev.userstream.spark;

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

/**
 * The Spark job's options: the shared {@link PipelineOptions} plus the Spark-only tuning knobs,
 * parsed from one command line (the knobs are {@link PipelineOptions#parse(String[], Set, Map)}
 * extras, so every shared option keeps its name and validation).
 *
 * @param pipeline the options every component shares
 * @param triggerInterval how often a continuous run starts a micro-batch; 0 = back to back
 * @param maxOffsetsPerTrigger most Kafka records per micro-batch (0 = no limit), which bounds the
 *     memory of a batch and the work redone after a crash
 * @param cassandraBatchSize inserts of one table per unlogged batch; 1 sends each alone
 * @param cassandraConcurrentWrites statements (inserts or batches) in flight per Spark task
 * @param cassandraConsistency consistency level of the writes
 */
public record SparkJobOptions(
    PipelineOptions pipeline,
    Duration triggerInterval,
    long maxOffsetsPerTrigger,
    int cassandraBatchSize,
    int cassandraConcurrentWrites,
    String cassandraConsistency) {

  public static final String TRIGGER_INTERVAL = "trigger-interval";
  public static final String MAX_OFFSETS_PER_TRIGGER = "max-offsets-per-trigger";
  public static final String CASSANDRA_BATCH_SIZE = "cassandra-batch-size";
  public static final String CASSANDRA_CONCURRENT_WRITES = "cassandra-concurrent-writes";
  public static final String CASSANDRA_CONSISTENCY = "cassandra-consistency";

  // 0 = the next micro-batch starts as soon as the previous one ends (Spark's own default without a
  // trigger). At 4,600 events/s on the bench machine, p99 latency was 949 ms with 0, 1,375 ms with
  // 200ms and 1,833 ms with 1s (docs/benchmarks); an idle query then polls Kafka every 10 ms.
  public static final Duration DEFAULT_TRIGGER_INTERVAL = Duration.ZERO;
  public static final long DEFAULT_MAX_OFFSETS_PER_TRIGGER = 100_000;
  // Every row has its own partition key: a batch only makes the coordinator fan it out again.
  public static final int DEFAULT_CASSANDRA_BATCH_SIZE = 1;
  public static final int DEFAULT_CASSANDRA_CONCURRENT_WRITES = 256;
  static final int MAX_CONCURRENT_WRITES = 512;
  public static final String DEFAULT_CASSANDRA_CONSISTENCY = "LOCAL_QUORUM";

  /** The consistency levels a write may use (the driver's names; SERIAL ones are read-only). */
  static final List<String> CONSISTENCY_LEVELS =
      List.of(
          "ANY",
          "ONE",
          "TWO",
          "THREE",
          "QUORUM",
          "ALL",
          "LOCAL_ONE",
          "LOCAL_QUORUM",
          "EACH_QUORUM");

  private static final Set<String> EXTRA_NAMES =
      Set.of(
          TRIGGER_INTERVAL,
          MAX_OFFSETS_PER_TRIGGER,
          CASSANDRA_BATCH_SIZE,
          CASSANDRA_CONCURRENT_WRITES,
          CASSANDRA_CONSISTENCY);
  private static final Pattern DURATION = Pattern.compile("(\\d{1,9})\\s*(ms|s|m|h)?");

  /** Validates the Spark-only values with the same one-line messages as the shared options. */
  public SparkJobOptions {
    Objects.requireNonNull(pipeline, "pipeline");
    Objects.requireNonNull(triggerInterval, "triggerInterval");
    if (triggerInterval.isNegative()) {
      throw new OptionsException("--" + TRIGGER_INTERVAL + " must not be negative");
    }
    if (maxOffsetsPerTrigger < 0) {
      throw new OptionsException(
          "--"
              + MAX_OFFSETS_PER_TRIGGER
              + " must be 0 (no limit) or more, got "
              + maxOffsetsPerTrigger);
    }
    if (cassandraBatchSize < 1 || cassandraBatchSize > 1000) {
      throw new OptionsException(
          "--"
              + CASSANDRA_BATCH_SIZE
              + " must be an integer 1..1000, got '"
              + cassandraBatchSize
              + "'");
    }
    // The driver opens one connection per node, which takes at most 1024 requests at once: the
    // tasks of one executor share it, and 2 tasks x 1024 failed with "No connection was available".
    if (cassandraConcurrentWrites < 1 || cassandraConcurrentWrites > MAX_CONCURRENT_WRITES) {
      throw new OptionsException(
          "--"
              + CASSANDRA_CONCURRENT_WRITES
              + " must be an integer 1.."
              + MAX_CONCURRENT_WRITES
              + ", got '"
              + cassandraConcurrentWrites
              + "'");
    }
    cassandraConsistency = checkConsistency(cassandraConsistency);
  }

  /** The shared options with every Spark knob at its default. */
  public static SparkJobOptions defaults(PipelineOptions pipeline) {
    return new SparkJobOptions(
        pipeline,
        DEFAULT_TRIGGER_INTERVAL,
        DEFAULT_MAX_OFFSETS_PER_TRIGGER,
        DEFAULT_CASSANDRA_BATCH_SIZE,
        DEFAULT_CASSANDRA_CONCURRENT_WRITES,
        DEFAULT_CASSANDRA_CONSISTENCY);
  }

  /**
   * Parses a command line of shared and Spark options.
   *
   * @throws OptionsException with one line naming the first unknown, missing or bad option
   */
  public static SparkJobOptions parse(String... args) {
    Map<String, String> extras = new HashMap<>();
    PipelineOptions pipeline = PipelineOptions.parse(args, EXTRA_NAMES, extras);
    return new SparkJobOptions(
        pipeline,
        extras.containsKey(TRIGGER_INTERVAL)
            ? parseDuration(TRIGGER_INTERVAL, extras.get(TRIGGER_INTERVAL))
            : DEFAULT_TRIGGER_INTERVAL,
        extras.containsKey(MAX_OFFSETS_PER_TRIGGER)
            ? parseLong(MAX_OFFSETS_PER_TRIGGER, extras.get(MAX_OFFSETS_PER_TRIGGER))
            : DEFAULT_MAX_OFFSETS_PER_TRIGGER,
        extras.containsKey(CASSANDRA_BATCH_SIZE)
            ? (int) parseLong(CASSANDRA_BATCH_SIZE, extras.get(CASSANDRA_BATCH_SIZE))
            : DEFAULT_CASSANDRA_BATCH_SIZE,
        extras.containsKey(CASSANDRA_CONCURRENT_WRITES)
            ? (int) parseLong(CASSANDRA_CONCURRENT_WRITES, extras.get(CASSANDRA_CONCURRENT_WRITES))
            : DEFAULT_CASSANDRA_CONCURRENT_WRITES,
        extras.getOrDefault(CASSANDRA_CONSISTENCY, DEFAULT_CASSANDRA_CONSISTENCY));
  }

  /** These options as command-line arguments (password excluded, as {@link #pipeline()} does). */
  public List<String> toArgs() {
    List<String> args = new java.util.ArrayList<>(pipeline.toArgs());
    args.add("--" + TRIGGER_INTERVAL + "=" + triggerInterval.toMillis() + "ms");
    args.add("--" + MAX_OFFSETS_PER_TRIGGER + "=" + maxOffsetsPerTrigger);
    args.add("--" + CASSANDRA_BATCH_SIZE + "=" + cassandraBatchSize);
    args.add("--" + CASSANDRA_CONCURRENT_WRITES + "=" + cassandraConcurrentWrites);
    args.add("--" + CASSANDRA_CONSISTENCY + "=" + cassandraConsistency);
    return args;
  }

  /** The shared options' usage followed by the Spark-only ones, for {@code --help}. */
  public static String usage() {
    return PipelineOptions.usage()
        + "Spark options:\n"
        + line(
            TRIGGER_INTERVAL,
            "micro-batch interval of --mode continuous, e.g. 500ms, 1s, 2m; 0 = start each batch"
                + " as soon as the previous one ends",
            DEFAULT_TRIGGER_INTERVAL.toMillis() + "ms")
        + line(
            MAX_OFFSETS_PER_TRIGGER,
            "most Kafka records per micro-batch, 0 = no limit",
            String.valueOf(DEFAULT_MAX_OFFSETS_PER_TRIGGER))
        + line(
            CASSANDRA_BATCH_SIZE,
            "inserts per unlogged batch, 1 = each alone",
            String.valueOf(DEFAULT_CASSANDRA_BATCH_SIZE))
        + line(
            CASSANDRA_CONCURRENT_WRITES,
            "Cassandra statements in flight per Spark task",
            String.valueOf(DEFAULT_CASSANDRA_CONCURRENT_WRITES))
        + line(
            CASSANDRA_CONSISTENCY,
            "write consistency: " + String.join(", ", CONSISTENCY_LEVELS),
            DEFAULT_CASSANDRA_CONSISTENCY);
  }

  private static String line(String name, String description, String defaultValue) {
    String flag = "--" + name;
    return "  "
        + flag
        + " ".repeat(Math.max(2, 32 - flag.length()))
        + description
        + " (default: "
        + defaultValue
        + ")\n";
  }

  /** {@code 500ms}, {@code 1s}, {@code 2m}, {@code 1h}; a bare number is seconds. */
  static Duration parseDuration(String name, String text) {
    Matcher m = DURATION.matcher(text.strip().toLowerCase(Locale.ROOT));
    if (!m.matches()) {
      throw new OptionsException(
          "--" + name + " must be a duration like 500ms, 1s, 2m or 1h, got '" + text + "'");
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

  private static long parseLong(String name, String text) {
    try {
      return Long.parseLong(text.strip());
    } catch (NumberFormatException e) {
      throw new OptionsException("--" + name + " must be an integer, got '" + text + "'");
    }
  }

  private static String checkConsistency(String text) {
    String value = Objects.requireNonNull(text, CASSANDRA_CONSISTENCY).strip();
    String upper = value.toUpperCase(Locale.ROOT);
    if (!CONSISTENCY_LEVELS.contains(upper)) {
      throw new OptionsException(
          "--"
              + CASSANDRA_CONSISTENCY
              + " must be one of "
              + String.join(", ", CONSISTENCY_LEVELS)
              + ", got '"
              + text
              + "'");
    }
    return upper;
  }
}
