package dev.userstream.producer;

import dev.userstream.io.OptionsException;
import dev.userstream.io.PipelineOptions;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What to produce and where: the Kafka target, the record format, the bad-record mix, and when to
 * stop. Immutable; start from {@link #defaults()} or {@link #of(PipelineOptions)} and derive with
 * the {@code with...} methods.
 *
 * @param kafkaProperties extra producer/admin client properties (security settings and the like);
 *     they override the producer's own settings
 * @param partitions partition count of a topic created here; an existing topic keeps its own
 * @param badRatio share of malformed records mixed in, 0 to 1
 * @param seed drives the bad-record mix (and, by the caller's choice, the generator)
 * @param events stop after this many records; 0 for no count limit
 * @param duration stop after this long; null for no time limit
 * @param rate records per second; 0 for as fast as possible
 * @param timeout how long Kafka may take to answer before the run fails as unreachable
 */
public record ProduceRequest(
    String bootstrapServers,
    String topic,
    Map<String, String> kafkaProperties,
    int partitions,
    RecordFormat format,
    double badRatio,
    long seed,
    long events,
    Duration duration,
    double rate,
    Duration timeout) {

  public static final int DEFAULT_PARTITIONS = 2;
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(20);

  /** Validates every field with a one-line {@link OptionsException} naming the option. */
  public ProduceRequest {
    // The topic and servers get exactly the jobs' validation, so a name one accepts, all accept.
    PipelineOptions checked =
        PipelineOptions.builder().bootstrapServers(bootstrapServers).topic(topic).build();
    bootstrapServers = checked.bootstrapServers();
    topic = checked.topic();
    kafkaProperties = Map.copyOf(new TreeMap<>(Objects.requireNonNull(kafkaProperties)));
    Objects.requireNonNull(format, "format");
    if (partitions < 1) {
      throw new OptionsException("--partitions must be at least 1, got " + partitions);
    }
    if (!(badRatio >= 0 && badRatio <= 1)) {
      throw new OptionsException("--bad-ratio must be between 0 and 1, got " + badRatio);
    }
    if (events < 0) {
      throw new OptionsException("--events must not be negative, got " + events);
    }
    if (duration != null && (duration.isNegative() || duration.isZero())) {
      throw new OptionsException("--duration must be positive, got " + duration);
    }
    if (!(rate >= 0) || Double.isInfinite(rate)) {
      throw new OptionsException("--rate must be a positive number (or 0 for no limit)");
    }
    if (timeout == null || timeout.isNegative() || timeout.isZero()) {
      throw new OptionsException("--timeout must be positive, got " + timeout);
    }
  }

  /** The defaults: local broker, {@code users_created}, raw, no bad records, 1000 events. */
  public static ProduceRequest defaults() {
    return of(PipelineOptions.defaults());
  }

  /** The defaults with the Kafka servers, topic and client properties of {@code options}. */
  public static ProduceRequest of(PipelineOptions options) {
    return new ProduceRequest(
        options.bootstrapServers(),
        options.topic(),
        options.kafkaProperties(),
        DEFAULT_PARTITIONS,
        RecordFormat.RAW,
        0,
        0,
        1000,
        null,
        0,
        DEFAULT_TIMEOUT);
  }

  public ProduceRequest withBootstrapServers(String value) {
    return new ProduceRequest(
        value,
        topic,
        kafkaProperties,
        partitions,
        format,
        badRatio,
        seed,
        events,
        duration,
        rate,
        timeout);
  }

  public ProduceRequest withTopic(String value) {
    return new ProduceRequest(
        bootstrapServers,
        value,
        kafkaProperties,
        partitions,
        format,
        badRatio,
        seed,
        events,
        duration,
        rate,
        timeout);
  }

  public ProduceRequest withKafkaProperties(Map<String, String> value) {
    return new ProduceRequest(
        bootstrapServers,
        topic,
        value,
        partitions,
        format,
        badRatio,
        seed,
        events,
        duration,
        rate,
        timeout);
  }

  public ProduceRequest withPartitions(int value) {
    return new ProduceRequest(
        bootstrapServers,
        topic,
        kafkaProperties,
        value,
        format,
        badRatio,
        seed,
        events,
        duration,
        rate,
        timeout);
  }

  public ProduceRequest withFormat(RecordFormat value) {
    return new ProduceRequest(
        bootstrapServers,
        topic,
        kafkaProperties,
        partitions,
        value,
        badRatio,
        seed,
        events,
        duration,
        rate,
        timeout);
  }

  public ProduceRequest withBadRatio(double value) {
    return new ProduceRequest(
        bootstrapServers,
        topic,
        kafkaProperties,
        partitions,
        format,
        value,
        seed,
        events,
        duration,
        rate,
        timeout);
  }

  public ProduceRequest withSeed(long value) {
    return new ProduceRequest(
        bootstrapServers,
        topic,
        kafkaProperties,
        partitions,
        format,
        badRatio,
        value,
        events,
        duration,
        rate,
        timeout);
  }

  /** Stop after {@code value} records; 0 removes the count limit. */
  public ProduceRequest withEvents(long value) {
    return new ProduceRequest(
        bootstrapServers,
        topic,
        kafkaProperties,
        partitions,
        format,
        badRatio,
        seed,
        value,
        duration,
        rate,
        timeout);
  }

  /**
   * Stop after {@code value}; null removes the time limit. The count limit still applies: use
   * {@code withEvents(0)} to stop by time only.
   */
  public ProduceRequest withDuration(Duration value) {
    return new ProduceRequest(
        bootstrapServers,
        topic,
        kafkaProperties,
        partitions,
        format,
        badRatio,
        seed,
        events,
        value,
        rate,
        timeout);
  }

  /** At most {@code value} records per second; 0 for as fast as possible. */
  public ProduceRequest withRate(double value) {
    return new ProduceRequest(
        bootstrapServers,
        topic,
        kafkaProperties,
        partitions,
        format,
        badRatio,
        seed,
        events,
        duration,
        value,
        timeout);
  }

  public ProduceRequest withTimeout(Duration value) {
    return new ProduceRequest(
        bootstrapServers,
        topic,
        kafkaProperties,
        partitions,
        format,
        badRatio,
        seed,
        events,
        duration,
        rate,
        value);
  }
}
