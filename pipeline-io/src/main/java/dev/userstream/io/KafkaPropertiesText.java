package dev.userstream.io;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Kafka properties as the text of {@value PipelineOptions#ENV_KAFKA_PROPERTIES}: Java properties
 * format, so values with {@code =}, quotes, semicolons or line breaks (a JAAS config) survive.
 */
final class KafkaPropertiesText {
  private KafkaPropertiesText() {}

  /** The properties as text, one escaped {@code key=value} per line, sorted by key. */
  static String format(Map<String, String> properties) {
    Properties p = new Properties();
    p.putAll(properties);
    StringWriter text = new StringWriter();
    try {
      p.store(text, null);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    // store() always writes a date comment first: drop comments, keep a stable text.
    return text.toString()
        .lines()
        .filter(line -> !line.startsWith("#"))
        .sorted()
        .collect(Collectors.joining("\n", "", "\n"));
  }

  /**
   * The properties of {@code text}.
   *
   * @throws OptionsException naming the variable, never a value, when the text is malformed
   */
  static Map<String, String> parse(String text) {
    Properties p = new Properties();
    try {
      p.load(new StringReader(text));
    } catch (IOException | IllegalArgumentException e) {
      throw new OptionsException(
          PipelineOptions.ENV_KAFKA_PROPERTIES + " is not in properties format (a malformed \\u)");
    }
    Map<String, String> properties = new TreeMap<>();
    for (String key : p.stringPropertyNames()) {
      if (key.isBlank()) {
        throw new OptionsException(PipelineOptions.ENV_KAFKA_PROPERTIES + " has an empty key");
      }
      properties.put(key, p.getProperty(key));
    }
    return properties;
  }
}
