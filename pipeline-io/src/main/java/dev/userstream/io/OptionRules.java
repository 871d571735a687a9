package dev.userstream.io;

import dev.userstream.model.CassandraSchema;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Conversions and checks of single option values; each failure is one line naming the option. */
public final class OptionRules {
  // Kafka's own rule for topic names.
  private static final Pattern TOPIC_NAME = Pattern.compile("[a-zA-Z0-9._-]{1,249}");

  private OptionRules() {}

  static long parseLong(String name, String text, long min, long max) {
    try {
      return checkLong(name, Long.parseLong(text.strip()), min, max);
    } catch (NumberFormatException | OptionsException e) {
      throw badNumber(name, text, min, max);
    }
  }

  static long checkLong(String name, long value, long min, long max) {
    if (value < min || value > max) {
      throw badNumber(name, String.valueOf(value), min, max);
    }
    return value;
  }

  private static OptionsException badNumber(String name, String text, long min, long max) {
    return new OptionsException(
        "--" + name + " must be an integer " + min + ".." + max + ", got '" + text + "'");
  }

  static boolean bool(String name, String text) {
    return switch (text.strip().toLowerCase(Locale.ROOT)) {
      case "true" -> true;
      case "false" -> false;
      default ->
          throw new OptionsException("--" + name + " must be true or false, got '" + text + "'");
    };
  }

  static Duration atLeast(String name, Duration value, Duration min) {
    if (value.compareTo(min) < 0) {
      throw new OptionsException(
          "--"
              + name
              + " must be at least "
              + Durations.format(min)
              + ", got "
              + Durations.format(value));
    }
    return value;
  }

  static <E extends Enum<E>> E choice(
      String name, String text, E[] values, Function<E, String> cliName) {
    for (E value : values) {
      if (cliName.apply(value).equalsIgnoreCase(text.strip())) {
        return value;
      }
    }
    String allowed = Arrays.stream(values).map(cliName).collect(Collectors.joining(", "));
    throw new OptionsException("--" + name + " must be one of " + allowed + ", got '" + text + "'");
  }

  static List<String> items(String name, String text) {
    List<String> items = Arrays.stream(text.split(",", -1)).map(String::strip).toList();
    if (items.stream().anyMatch(String::isEmpty)) {
      throw new OptionsException(
          "--" + name + " must be one or more comma-separated values, got '" + text + "'");
    }
    return items;
  }

  static Map<String, String> property(String name, String text) {
    int equals = text.indexOf('=');
    if (equals <= 0 || text.substring(0, equals).isBlank()) {
      throw new OptionsException("--" + name + " must be key=value, got '" + text + "'");
    }
    return Map.of(text.substring(0, equals).strip(), text.substring(equals + 1));
  }

  /** A validator: the value must not be blank. */
  public static String nonBlank(String name, String value) {
    if (value == null || value.isBlank()) {
      throw new OptionsException("--" + name + " must not be blank");
    }
    return value.strip();
  }

  /** A validator: Kafka's rule for topic names. */
  public static String topic(String name, String value) {
    String topic = nonBlank(name, value);
    if (!TOPIC_NAME.matcher(topic).matches()) {
      throw new OptionsException(
          "--" + name + " must be 1..249 characters of [a-zA-Z0-9._-], got '" + topic + "'");
    }
    return topic;
  }

  /** A validator: a Cassandra keyspace or table name. */
  public static String identifier(String name, String value) {
    try {
      return CassandraSchema.checkIdentifier("--" + name, value == null ? null : value.strip());
    } catch (IllegalArgumentException e) {
      throw new OptionsException(e.getMessage());
    }
  }

  /** Kafka keys that hold secrets (ssl.key.password, sasl.jaas.config...) are never printed. */
  public static boolean isSecretKafkaKey(String kafkaKey) {
    String key = kafkaKey.toLowerCase(Locale.ROOT);
    return key.contains("password")
        || key.contains("secret")
        || key.contains("jaas")
        || key.contains("token")
        || key.endsWith(".key");
  }
}
