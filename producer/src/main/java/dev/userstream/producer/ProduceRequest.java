package dev.userstream.producer;

import dev.userstream.io.OptionsException;
import dev.userstream.io.PipelineOptions;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What to produce and where: the Kafka target, the record format, the bad-record mix, and when to
 * stop. Immutable and validated on construction; build one with {@link #builder(PipelineOptions)}.
 *
 * <pre>{@code
 * ProduceRequest request = ProduceRequest.builder().topic("users_created").events(20_000).build();
 * }</pre>
 *
 * @param kafkaProperties extra producer/admin client properties (security settings and the like);
 *     they override the producer's own settings
 * @param partitions partition count of a topic created here; an existing topic keeps its own
 * @param badRatio share of malformed records mixed in, 0 to 1
 * @param seed drives the bad-record mix (and, by the caller's choice, the generator)
 * @param events stop after this many records; 0 for no count limit
 * @param duration stop after this long; null for no time limit (the count limit still applies:
 *     events 0 stops by time only)
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
  public static final long DEFAULT_EVENTS = 1000;
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
    return builder().build();
  }

  /** The defaults with the Kafka servers, topic and client properties of {@code options}. */
  public static ProduceRequest of(PipelineOptions options) {
    return builder(options).build();
  }

  /** A builder starting from the defaults. */
  public static Builder builder() {
    return builder(PipelineOptions.defaults());
  }

  /** A builder starting from the defaults, with the Kafka target of {@code options}. */
  public static Builder builder(PipelineOptions options) {
    return new Builder()
        .bootstrapServers(options.bootstrapServers())
        .topic(options.topic())
        .kafkaProperties(options.kafkaProperties());
  }

  /** Staging for a {@link ProduceRequest}; {@link #build()} validates. */
  public static final class Builder {
    private String bootstrapServers;
    private String topic;
    private Map<String, String> kafkaProperties = Map.of();
    private int partitions = DEFAULT_PARTITIONS;
    private RecordFormat format = RecordFormat.RAW;
    private double badRatio;
    private long seed;
    private long events = DEFAULT_EVENTS;
    private Duration duration;
    private double rate;
    private Duration timeout = DEFAULT_TIMEOUT;

    private Builder() {}

    public Builder bootstrapServers(String value) {
      bootstrapServers = value;
      return this;
    }

    public Builder topic(String value) {
      topic = value;
      return this;
    }

    public Builder kafkaProperties(Map<String, String> value) {
      kafkaProperties = value;
      return this;
    }

    public Builder partitions(int value) {
      partitions = value;
      return this;
    }

    public Builder format(RecordFormat value) {
      format = value;
      return this;
    }

    public Builder badRatio(double value) {
      badRatio = value;
      return this;
    }

    public Builder seed(long value) {
      seed = value;
      return this;
    }

    /** Stop after {@code value} records; 0 removes the count limit. */
    public Builder events(long value) {
      events = value;
      return this;
    }

    /** Stop after {@code value}; null (the default) for no time limit. */
    public Builder duration(Duration value) {
      duration = value;
      return this;
    }

    /** At most {@code value} records per second; 0 (the default) for as fast as possible. */
    public Builder rate(double value) {
      rate = value;
      return this;
    }

    public Builder timeout(Duration value) {
      timeout = value;
      return this;
    }

    /**
     * The request.
     *
     * @throws OptionsException naming the first bad value
     */
    public ProduceRequest build() {
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
          timeout);
    }
  }
}
