package dev.userstream.model;

import static dev.userstream.model.PipelineOptions.CASSANDRA_PORT;
import static dev.userstream.model.PipelineOptions.MAX_RECORD_BYTES;
import static dev.userstream.model.PipelineOptions.PARALLELISM;
import static dev.userstream.model.PipelineOptions.REPLICATION_FACTOR;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** Validation of single option values, each failure one line that names the option. */
final class OptionRules {
  // Kafka's own rule for topic names.
  private static final Pattern TOPIC_NAME = Pattern.compile("[a-zA-Z0-9._-]{1,249}");

  private OptionRules() {}

  /** Inclusive bounds of the integer options; parsing and building share them. */
  static int[] bounds(String name) {
    return switch (name) {
      case CASSANDRA_PORT -> new int[] {1, 65_535};
      case REPLICATION_FACTOR -> new int[] {1, 99};
      case PARALLELISM -> new int[] {1, 32_768}; // Flink's maximum parallelism
      case MAX_RECORD_BYTES -> new int[] {1, 1 << 30};
      default -> throw new IllegalArgumentException(name + " is not an integer option");
    };
  }

  /** {@code value} if within {@link #bounds}, else the message every integer option uses. */
  static int checkInt(String name, long value) {
    int[] range = bounds(name);
    if (value < range[0] || value > range[1]) {
      throw badInt(name, String.valueOf(value));
    }
    return (int) value;
  }

  /** An integer option from its text: not a number and out of range read the same. */
  static int parseInt(String name, String text) {
    long value;
    try {
      value = Long.parseLong(text.strip());
    } catch (NumberFormatException e) {
      throw badInt(name, text);
    }
    try {
      return checkInt(name, value);
    } catch (OptionsException e) {
      throw badInt(name, text);
    }
  }

  private static OptionsException badInt(String name, String asTyped) {
    int[] range = bounds(name);
    return new OptionsException(
        "--"
            + name
            + " must be an integer "
            + range[0]
            + ".."
            + range[1]
            + ", got '"
            + asTyped
            + "'");
  }

  static String nonBlank(String name, String value) {
    if (value == null || value.isBlank()) {
      throw new OptionsException("--" + name + " must not be blank");
    }
    return value.strip();
  }

  static String topic(String value) {
    String topic = nonBlank(PipelineOptions.TOPIC, value);
    if (!TOPIC_NAME.matcher(topic).matches()) {
      throw new OptionsException(
          "--topic must be 1..249 characters of [a-zA-Z0-9._-], got '" + topic + "'");
    }
    return topic;
  }

  static List<String> hosts(List<String> hosts) {
    List<String> stripped = hosts.stream().map(String::strip).toList();
    if (stripped.isEmpty() || stripped.stream().anyMatch(String::isEmpty)) {
      throw new OptionsException(
          "--cassandra-host must be one or more comma-separated host names, got '"
              + String.join(",", hosts)
              + "'");
    }
    return stripped;
  }

  /** A Cassandra keyspace or table name, with the option's name in the message. */
  static String identifier(String name, String value) {
    try {
      return CassandraSchema.checkIdentifier("--" + name, value == null ? null : value.strip());
    } catch (IllegalArgumentException e) {
      throw new OptionsException(e.getMessage());
    }
  }

  /** Kafka keys that hold secrets (ssl.key.password, sasl.jaas.config...) are never printed. */
  static boolean isSecretKafkaKey(String kafkaKey) {
    String key = kafkaKey.toLowerCase(Locale.ROOT);
    return key.contains("password")
        || key.contains("secret")
        || key.contains("jaas")
        || key.contains("token")
        || key.endsWith(".key");
  }
}
